"""Server-side paging for staff lists: one page of rows, and pager links that keep the filters.

A page number that is not a number shows the first page, one past the end shows the last
page (Django's ``Paginator.get_page``), so no address a person can type gives an error.
"""

from dataclasses import dataclass, field
from urllib.parse import quote

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import number_format

PAGE_SIZE = 50


@dataclass
class PagerLink:
    number: int | None  # None: the gap shown as an ellipsis
    href: str = ""
    current: bool = False


@dataclass
class Pager:
    page: Page
    first: str  # the row numbers shown, grouped as the language groups them ("5 000")
    last: str
    total: str
    previous: str = ""
    next: str = ""
    links: list[PagerLink] = field(default_factory=list)


def page_of(request: HttpRequest, queryset: QuerySet, *, per_page: int = PAGE_SIZE) -> Pager:
    """The requested page of ``queryset`` with links to the others under the same query."""
    paginator = Paginator(queryset, per_page)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    prefix = "?" + (query.urlencode() + "&" if query else "") + "page="

    def href(number: int) -> str:
        return f"{prefix}{number}"

    links = [
        PagerLink(number=n if isinstance(n, int) else None, current=n == page.number)
        for n in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    for link in links:
        if link.number is not None:
            link.href = href(link.number)
    return Pager(
        page=page,
        first=number_format(page.start_index(), force_grouping=True),
        last=number_format(page.end_index(), force_grouping=True),
        total=number_format(paginator.count, force_grouping=True),
        previous=href(page.previous_page_number()) if page.has_previous() else "",
        next=href(page.next_page_number()) if page.has_next() else "",
        links=links if paginator.num_pages > 1 else [],
    )


@dataclass(frozen=True)
class RowUrl:
    """A row's address around its id: ``{{ url.before }}{{ row.public_id }}{{ url.after }}``."""

    before: str
    after: str


def row_url(name: str, *, last: str, **kwargs) -> RowUrl:
    """The address of ``name`` split around its argument ``last``, built once per page.

    ``{% url %}`` walks the resolver for every row; on a list of thousands of rows that
    cost dominated the page.
    """
    marker = "00000000-0000-0000-0000-000000000000"
    address = reverse(name, kwargs={**kwargs, last: marker})
    before, after = address.split(quote(marker), 1)
    return RowUrl(before=before, after=after)
