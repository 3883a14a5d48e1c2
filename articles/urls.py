"""The archive's public URLs. Paths are stable: people link to them."""

from django.urls import path

from . import feeds
from .views import (
    browse,
    captures,
    citations,
    collections,
    coverage,
    downloads,
    editorial,
    entities,
    jobs,
)
from .views.renamed import follows_renamed_slug as renamed

app_name = "articles"

urlpatterns = [
    path("", browse.home, name="home"),
    path("collections/", collections.collection_list, name="collection-list"),
    path("collections/<slug:slug>/", collections.collection_detail, name="collection-detail"),
    path("articles/", browse.article_list, name="list"),
    path("articles/export.csv", downloads.article_export_csv, name="export-csv"),
    path("articles/export.jsonl", downloads.article_export_jsonl, name="export-jsonl"),
    path("articles/<slug:slug>/", renamed(browse.article_detail), name="detail"),
    path("articles/<slug:slug>/capture/", renamed(captures.capture_download), name="capture"),
    path("articles/<slug:slug>/cite.bib", renamed(citations.cite_bib), name="cite-bib"),
    path("articles/<slug:slug>/cite.json", renamed(citations.cite_json), name="cite-json"),
    path("articles/<slug:slug>/tags/", renamed(editorial.article_tags), name="article-tags"),
    path("articles/<slug:slug>/links/", renamed(editorial.article_links), name="article-links"),
    path(
        "articles/<slug:slug>/history/",
        renamed(editorial.article_history),
        name="article-history",
    ),
    path("people/", entities.person_list, name="person-list"),
    path("people/<slug:slug>/", entities.person_detail, name="person-detail"),
    path("people/<slug:slug>/feed/", feeds.PersonFeed(), name="person-feed"),
    path("countries/", entities.country_list, name="country-list"),
    path("countries/<str:code>/", entities.country_detail, name="country-detail"),
    path("countries/<str:code>/feed/", feeds.CountryFeed(), name="country-feed"),
    path("sources/", entities.source_list, name="source-list"),
    path("sources/<slug:slug>/", entities.source_detail, name="source-detail"),
    path("sources/<slug:slug>/feed/", feeds.SourceFeed(), name="source-feed"),
    path("tags/", entities.tag_list, name="tag-list"),
    path("tags/<slug:slug>/", entities.tag_detail, name="tag-detail"),
    path("tags/<slug:slug>/feed/", feeds.TagFeed(), name="tag-feed"),
    path("quotes/", coverage.quote_list, name="quote-list"),
    path("quotes/<str:key>/", coverage.quote_cluster, name="quote-cluster"),
    path(
        "quotes/<str:key>/export.csv",
        downloads.quote_cluster_export_csv,
        name="quote-cluster-export",
    ),
    path("feeds/articles/", feeds.ArchiveFeed(), name="feed"),
    path("facts/", coverage.fact_list, name="fact-list"),
    path("compare/", coverage.compare, name="compare"),
    path("coverage/", coverage.coverage_matrix, name="coverage-matrix"),
    path("coverage/add/", captures.coverage_add, name="coverage-add"),
    path("jobs/", jobs.job_list, name="job-list"),
    path("jobs/<int:pk>/", jobs.job_detail, name="job-detail"),
]
