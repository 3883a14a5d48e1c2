"""Who and where: countries, people, outlets, and the names they go by."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from articles.pipeline.outlets import kind_wording, outlet_label


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
    # Stored totals over the articles that name it (``services/counts.py`` keeps them with
    # each article's ``ArticleEntity`` rows, in the same transaction).
    article_count = models.PositiveIntegerField(default=0, editable=False)
    mention_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        indexes = [
            models.Index(
                fields=["-article_count", "-mention_count", "name"], name="country_most_named_idx"
            ),
        ]
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
    organization = models.CharField(
        max_length=20,
        blank=True,
        help_text="Code of the international body whose office the person holds (EU, UN, SCO).",
    )
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.EDITOR)
    # Stored totals over the articles that name it (``services/counts.py`` keeps them with
    # each article's ``ArticleEntity`` rows, in the same transaction).
    article_count = models.PositiveIntegerField(default=0, editable=False)
    mention_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(
                fields=["-article_count", "-mention_count", "name"], name="person_most_named_idx"
            ),
        ]

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


class PersonRole(models.Model):
    """An office a person held, with its dates ("Foreign Minister of Kazakhstan, 2019–2023")."""

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=300)
    start = models.DateField("from")
    end = models.DateField("to", null=True, blank=True, help_text="Empty while held.")
    date_precision = models.CharField(
        max_length=8,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text="Month: the days of the dates are not known.",
    )
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.EDITOR)

    class Meta:
        ordering = ["person", "-start", "title"]
        constraints = [
            models.UniqueConstraint(fields=["person", "title", "start"], name="person_role_unique"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="person_role_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.years}"

    @property
    def years(self) -> str:
        """``2019–2023``, ``2023`` or ``since 2019``."""
        if self.end is None:
            return f"since {self.start.year}"
        if self.end.year == self.start.year:
            return str(self.start.year)
        return f"{self.start.year}\u2013{self.end.year}"


def http_url_validator(value: str) -> None:
    """Only http and https links: a citation is a page people open."""
    URLValidator(schemes=["http", "https"])(value)


class SourceQuerySet(models.QuerySet):
    def named(self, name: str) -> SourceQuerySet:
        """Outlets called ``name`` (ignoring case): by their name or one of their aliases."""
        aliases = SourceAlias.objects.filter(name__iexact=name.strip()).values("source")
        return self.filter(Q(name__iexact=name.strip()) | Q(pk__in=aliases))


class Source(models.Model):
    """An outlet: newspaper, broadcaster, news agency, official channel, think tank, blog."""

    class Kind(models.TextChoices):
        STATE_OWNED = "state_owned", "State-owned media"
        STATE_FUNDED_INTERNATIONAL = (
            "state_funded_international",
            "State-funded international broadcaster",
        )
        PUBLIC_SERVICE = "public_service", "Public-service"
        PRIVATE = "private", "Private"
        WIRE_AGENCY = "wire_agency", "Wire agency"
        GOVERNMENT = "government", "Government or official channel"
        NGO_THINK_TANK = "ngo_think_tank", "NGO / think tank"
        BLOG = "blog", "Blog"

    class Origin(models.TextChoices):
        """Who made the record; the data file only rewrites fields no editor has set."""

        DATA_FILE = "data_file", "Outlets data file"
        EDITOR = "editor", "Editor"
        DOCUMENT = "document", "Named in a document"

    # Fields the outlets data file sets; once an editor changes one, the sync leaves it alone.
    DATA_FIELDS = (
        "name",
        "country",
        "city",
        "kind",
        "owner",
        "languages",
        "country_citation",
        "kind_citation",
        "owner_citation",
    )

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    homepage = models.URLField(blank=True)
    country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sources",
        help_text="Where it is based (head office or main newsroom).",
    )
    city = models.CharField(max_length=100, blank=True, help_text="Where it is based, in English.")
    kind = models.CharField(
        max_length=32, choices=Kind.choices, blank=True, help_text="Blank when not known."
    )
    owner = models.CharField(
        "owner or funder", max_length=300, blank=True, help_text="Only with a citation."
    )
    languages = models.JSONField(
        default=list, blank=True, help_text="ISO 639-1 codes, main language first."
    )
    country_citation = models.URLField(
        "citation for the country", max_length=500, blank=True, validators=[http_url_validator]
    )
    kind_citation = models.URLField(
        "citation for the kind", max_length=500, blank=True, validators=[http_url_validator]
    )
    owner_citation = models.URLField(
        "citation for the owner", max_length=500, blank=True, validators=[http_url_validator]
    )
    notes = models.TextField("ownership and affiliation", blank=True)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.EDITOR)
    edited_fields = models.JSONField(
        default=list, blank=True, help_text="Fields an editor set; the data file sync keeps them."
    )
    # Its articles, kept by services/outlet_counts.py as they are written and deleted.
    article_count = models.PositiveIntegerField(default=0, editable=False)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:source-detail", kwargs={"slug": self.slug})

    @property
    def place(self) -> str:
        """The city it is based in, else its country, else ""."""
        if self.city:
            return self.city
        return self.country.name if self.country_id else ""

    @property
    def label(self) -> str:
        """The compact label: "Current Time TV · US government-funded · Prague"."""
        return outlet_label(name=self.name, kind=self.kind, owner=self.owner, place=self.place)

    @property
    def kind_wording(self) -> str:
        return kind_wording(self.kind, self.owner)


class SourceAlias(models.Model):
    """Another name a text uses for an outlet: site name, domain, masthead, credit line."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    origin = models.CharField(
        max_length=16, choices=Source.Origin.choices, default=Source.Origin.EDITOR
    )

    class Meta:
        ordering = ["source", "name"]
        verbose_name_plural = "source aliases"
        constraints = [
            models.UniqueConstraint(Lower("name"), name="source_alias_name_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class PersonCandidate(models.Model):
    """A name the linker saw used like a person's but could not match: editors review it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending review"
        ACCEPTED = "accepted", "Accepted as a person"
        DISMISSED = "dismissed", "Dismissed"

    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, unique=True, help_text="Normalised name.")
    context = models.TextField(blank=True, help_text="The sentence it was first seen in.")
    role = models.CharField(
        max_length=200, blank=True, help_text='The role the text gives ("political analyst").'
    )
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
