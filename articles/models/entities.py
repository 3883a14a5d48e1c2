"""Who and where: countries, people, outlets, and the names they go by."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class Origin(models.TextChoices):
    """Where a record or a name came from; the loader only rewrites its own."""

    GAZETTEER = "gazetteer", "Gazetteer"
    EDITOR = "editor", "Editor"


class Country(models.Model):
    code = models.CharField(
        "ISO 3166-1 alpha-2", max_length=2, primary_key=True, help_text="Upper case, e.g. KZ."
    )
    name = models.CharField(max_length=200)
    official_name = models.CharField(max_length=200, blank=True)
    slug = models.SlugField(max_length=2, unique=True, help_text="The code in lower case.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z]{2}$"), name="country_code_alpha2_upper"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:country-detail", kwargs={"code": self.slug})


class CountryName(models.Model):
    """Another name a country goes by: official name, abbreviation, demonym, capital."""

    class Kind(models.TextChoices):
        NAME = "name", "Name"
        ABBREVIATION = "abbreviation", "Abbreviation"
        DEMONYM = "demonym", "Demonym"
        CAPITAL = "capital", "Capital or metonym"

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.NAME)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.EDITOR)

    class Meta:
        ordering = ["country", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="country_name_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()} of {self.country_id})"


class Person(models.Model):
    name = models.CharField("canonical name", max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    role = models.CharField("role or title", max_length=300, blank=True)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    description = models.TextField(blank=True)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.EDITOR)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:person-detail", kwargs={"slug": self.slug})


class PersonName(models.Model):
    """Another spelling or transliteration of a person's name."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.EDITOR)

    class Meta:
        ordering = ["person", "name"]
        verbose_name = "name variant"
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="person_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Source(models.Model):
    """An outlet: newspaper, broadcaster, news site."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    homepage = models.URLField(blank=True)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="sources"
    )
    notes = models.TextField("ownership and affiliation", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:source-detail", kwargs={"slug": self.slug})


class PersonCandidate(models.Model):
    """A name the linker saw used like a person's but could not match: editors review it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending review"
        ACCEPTED = "accepted", "Accepted as a person"
        DISMISSED = "dismissed", "Dismissed"

    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, unique=True, help_text="Normalised name.")
    context = models.TextField(blank=True, help_text="The sentence it was first seen in.")
    articles = models.ManyToManyField("Article", blank=True, related_name="person_candidates")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "name"]

    def __str__(self) -> str:
        return self.name
