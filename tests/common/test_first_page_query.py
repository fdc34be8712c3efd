"""A page's link to a wider list ("every campaign") keeps the other filters and drops the
position: a cursor belongs to the filters it was handed out with."""

from django.http import QueryDict

from common.pagination import first_page_query


def test_the_named_filters_and_the_position_are_left_out():
    query = QueryDict("campaign=3&status=proposed&flag=&cursor=abc&page=2&waiting=7")
    assert first_page_query(query, leave_out=("campaign",)) == "status=proposed&flag=&waiting=7"
    assert first_page_query(query) == "campaign=3&status=proposed&flag=&waiting=7"
    assert first_page_query(QueryDict("campaign=3"), leave_out=("campaign",)) == ""
    # The caller's query is left as it was.
    assert query["cursor"] == "abc"
