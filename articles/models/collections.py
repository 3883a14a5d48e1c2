"""Collections: the events the archive covers, each with its places, people and itinerary."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from .entities import Country, Person


class Collection(models.Model):
    """One event (a visit, a summit) and the coverage gathered about it."""

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    places = models.ManyToManyField(Country, blank=True, related_name="collections")
    participants = models.ManyToManyField(Person, blank=True, related_name="collections")
    # Its articles, kept by services/outlet_counts.py as they are written and deleted.
    article_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = [F("start_date").desc(nulls_last=True), "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="collection_dates_in_order",
                violation_error_message="A collection cannot end before it starts.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("articles:collection-detail", kwargs={"slug": self.slug})


class ItineraryStop(models.Model):
    """A stop of the event: when, where, and what happened there."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="itinerary")
    date = models.DateField()
    time = models.TimeField(null=True, blank=True)
    place = models.CharField(max_length=200)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="itinerary_stops"
    )
    description = models.TextField("what happened", blank=True)

    class Meta:
        ordering = ["collection", "date", F("time").asc(nulls_first=True), "pk"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.place}"
