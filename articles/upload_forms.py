"""The editors' "Add coverage" form: files to upload, or text pasted with its metadata."""

from __future__ import annotations

from django import forms

from articles.models import Collection
from articles.pipeline.catalog import is_web_url
from articles.pipeline.decoding import MAX_DOCUMENT_BYTES
from articles.services.coverage_upload import MAX_UPLOAD_FILES, UPLOAD_SUFFIXES, PastedText


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class CoverageAddForm(forms.Form):
    collection = forms.ModelChoiceField(
        queryset=Collection.objects.order_by("-start_date", "title"),
        to_field_name="slug",
        empty_label="Choose the event…",
        help_text="The event (collection) the coverage belongs to.",
    )
    files = MultipleFileField(
        required=False,
        help_text=f"Up to {MAX_UPLOAD_FILES} files: .txt, saved pages (.html, .htm) or web "
        "archives (.warc, .warc.gz).",
    )
    text = forms.CharField(
        label="Or paste the article's text",
        required=False,
        strip=False,
        max_length=MAX_DOCUMENT_BYTES // 4,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Headline on the first line, then the text as copied from the page.",
    )
    url = forms.URLField(
        label="Original URL", required=False, max_length=1000, assume_scheme="https"
    )
    outlet = forms.CharField(label="Outlet", required=False, max_length=200)
    published = forms.DateField(
        label="Published", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["collection"]
        only = list(field.queryset[:2])
        if len(only) == 1:
            # One event only: it is the choice, whether or not the form names it.
            field.initial = only[0].slug
            field.required = False
            self._only_collection = only[0]
        else:
            self._only_collection = None

    def clean_collection(self):
        return self.cleaned_data.get("collection") or self._only_collection

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if url and not is_web_url(url):
            raise forms.ValidationError("The URL must be an http or https address.")
        return url

    def clean(self):
        data = super().clean()
        if not data.get("files") and not (data.get("text") or "").strip():
            raise forms.ValidationError("Choose at least one file, or paste the article's text.")
        return data

    def pasted(self) -> PastedText | None:
        text = self.cleaned_data.get("text") or ""
        if not text.strip():
            return None
        return PastedText(
            text=text,
            url=self.cleaned_data.get("url") or "",
            outlet=(self.cleaned_data.get("outlet") or "").strip(),
            published=self.cleaned_data.get("published"),
        )
