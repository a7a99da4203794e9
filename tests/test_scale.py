"""Dask scale-out gives exactly the single-process output."""

import json

import pytest

from geoevents import EventExtractor
from geoevents.cli import demo_articles
from geoevents.serialize import event_to_dict

SKIP = "the dask extra is not installed (pip install -e '.[dask]')"
dask_bag = pytest.importorskip("dask.bag", reason=SKIP)
distributed = pytest.importorskip("distributed", reason=SKIP)


def test_local_cluster_with_two_worker_processes_matches_single_process(
    extractor: EventExtractor,
) -> None:
    from geoevents.scale import extract_bag

    articles = demo_articles()
    documents = [
        {"id": f"{a.id}-{i}", "text": a.text, "published": a.published.isoformat()
         if a.published else None}
        for i in range(3) for a in articles
    ] + [{"id": "broken"}]
    expected = [
        json.dumps(event_to_dict(event), sort_keys=True)
        for result in extractor.extract_many(documents[:-1])
        for event in result.events
    ]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        bag = dask_bag.from_sequence(documents, npartitions=4)
        records = extract_bag(bag).compute()
    assert [json.dumps(r, sort_keys=True) for r in records] == expected
    assert expected  # the demo articles do have events
