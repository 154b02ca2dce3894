import datetime as dt
import re

import pytest
import time_machine
from django import forms
from django.template import engines

from haven.ui.forms import (
    GovukDateField,
    GovukForm,
    error_summary_items,
    lower_first,
    parse_time,
)

TODAY = dt.datetime(2026, 3, 3, 12, 0, tzinfo=dt.UTC)


class ReferralForm(forms.Form):
    name = forms.CharField(label="Full name", help_text="As on their birth certificate")
    gender = forms.ChoiceField(
        label="Gender",
        choices=[("f", "Female"), ("m", "Male")],
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(label="The family agreed to the referral")
    dob = GovukDateField(label="Date of birth", past_only=True)
    agencies = forms.MultipleChoiceField(
        label="Agencies involved",
        choices=[("police", "Police"), ("health", "Health")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)
    team = forms.ChoiceField(label="Team", choices=[("", "Choose a team"), ("a", "Team A")])


def render(template: str, **context: object) -> str:
    return engines["django"].from_string(template).render(context)


def page(form: forms.BaseForm) -> str:
    return render("{% load govuk %}{% govuk_error_summary form %}{{ form }}", form=form)


def summary_hrefs(html: str) -> list[str]:
    summary = html.split('<div class="govuk-error-summary__body">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'href="#([^"]+)"', summary)


def ids(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


def bad_referral(**data: str) -> ReferralForm:
    form = ReferralForm(data={"dob-day": "31", "dob-month": "2", "dob-year": "2020", **data})
    assert not form.is_valid()
    return form


def test_error_summary_links_each_error_to_an_element_on_the_page() -> None:
    html = page(bad_referral())

    assert summary_hrefs(html) == ["id_name", "id_gender", "id_consent", "id_dob-day", "id_team"]
    assert set(summary_hrefs(html)) <= ids(html)
    assert 'data-module="govuk-error-summary"' in html
    assert "There is a problem" in html


def test_fields_with_errors_have_gov_uk_error_markup() -> None:
    html = page(bad_referral())

    assert html.count("govuk-form-group--error") == 5
    assert (
        '<p id="id_name-error" class="govuk-error-message">'
        '<span class="govuk-visually-hidden">Error:</span> This field is required.</p>'
    ) in html
    assert re.search(
        r'<input type="text" name="name"[^>]*class="govuk-input govuk-input--error"', html
    )
    assert 'aria-describedby="id_name-hint id_name-error"' in html
    assert '<div id="id_name-hint" class="govuk-hint">As on their birth certificate</div>' in html
    assert 'class="govuk-select govuk-select--error"' in html


def test_inputs_are_labelled_gov_uk_style_and_without_browser_validation() -> None:
    html = page(ReferralForm())

    assert '<label class="govuk-label" for="id_name">Full name</label>' in html
    assert 'class="govuk-textarea"' in html
    assert "required" not in html
    assert "govuk-error-summary" not in html


def test_radios_are_a_fieldset_with_gov_uk_items_whose_first_id_is_the_fields() -> None:
    html = page(ReferralForm(data={"gender": "m"}))

    assert '<legend class="govuk-fieldset__legend">\n      Gender\n    </legend>' in html
    assert '<div class="govuk-radios" data-module="govuk-radios">' in html
    assert 'value="f" id="id_gender"' in html
    assert 'value="m" id="id_gender-2" checked' in html
    assert '<label class="govuk-label govuk-radios__label" for="id_gender-2">Male</label>' in html


def test_checkboxes_and_single_checkbox() -> None:
    html = page(ReferralForm(initial={"agencies": ["health"]}))

    assert '<div class="govuk-checkboxes" data-module="govuk-checkboxes">' in html
    assert 'value="health" id="id_agencies-2" checked' in html
    assert re.search(r'name="consent"[^>]*class="govuk-checkboxes__input" id="id_consent"', html)
    assert 'for="id_consent">The family agreed to the referral</label>' in html


def test_date_input_markup() -> None:
    html = page(ReferralForm(initial={"dob": dt.date(2019, 3, 7)}))

    assert '<fieldset class="govuk-fieldset" role="group">' in html
    assert '<div class="govuk-date-input" id="id_dob">' in html
    for part, value, width in (("day", "7", 2), ("month", "3", 2), ("year", "2019", 4)):
        assert (
            f'<input type="text" name="dob-{part}" value="{value}" inputmode="numeric" '
            f'id="id_dob-{part}" class="govuk-input govuk-date-input__input '
            f'govuk-input--width-{width}">'
        ) in html
        assert f'for="id_dob-{part}">{part.capitalize()}</label>' in html


def test_only_the_wrong_part_of_a_date_is_highlighted_and_linked() -> None:
    form = bad_referral(**{"dob-day": "4", "dob-month": "", "dob-year": "2020"})
    html = page(form)

    assert [str(e) for e in form.errors["dob"]] == ["Date of birth must include a month"]
    assert "id_dob-month" in summary_hrefs(html)
    assert re.search(r'id="id_dob-month" aria-invalid="true" class="[^"]*govuk-input--error"', html)
    assert re.search(r'id="id_dob-day" class="[^"]*width-2"', html)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter date of birth"),
        ("31", "2", "2020", "Date of birth must be a real date"),
        ("29", "2", "2023", "Date of birth must be a real date"),
        ("1", "13", "2020", "Date of birth must be a real date"),
        ("x", "1", "2020", "Date of birth must be a real date"),
        ("4", "", "2020", "Date of birth must include a month"),
        ("", "", "2020", "Date of birth must include a day and month"),
        ("4", "5", "", "Date of birth must include a year"),
        ("4", "5", "20", "Year must include 4 numbers"),
        ("4", "5", "2027", "Date of birth must be in the past"),
        ("3", "3", "2026", "Date of birth must be in the past"),
    ],
)
@time_machine.travel(TODAY, tick=False)
def test_date_errors_follow_the_gov_uk_pattern(
    day: str, month: str, year: str, message: str
) -> None:
    form = ReferralForm(data={"dob-day": day, "dob-month": month, "dob-year": year})

    assert not form.is_valid()
    assert [str(e) for e in form.errors["dob"]] == [message]


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("29", "2", "2024", dt.date(2024, 2, 29)),
        (" 07 ", "03", "2019", dt.date(2019, 3, 7)),
        ("7", "Mar", "2019", dt.date(2019, 3, 7)),
        ("7", "september", "2019", dt.date(2019, 9, 7)),
    ],
)
@time_machine.travel(TODAY, tick=False)
def test_real_dates_are_accepted(day: str, month: str, year: str, expected: dt.date) -> None:
    form = ReferralForm(data={"dob-day": day, "dob-month": month, "dob-year": year})

    form.is_valid()
    assert "dob" not in form.errors
    assert form.cleaned_data["dob"] == expected


@time_machine.travel(TODAY, tick=False)
def test_future_only_and_today() -> None:
    class ConferenceForm(forms.Form):
        icpc = GovukDateField(label="ICPC date", future_only=True, allow_today=True)
        review = GovukDateField(error_name="review date", future_only=True, required=False)

    form = ConferenceForm(
        data={
            **{"icpc-day": "2", "icpc-month": "3", "icpc-year": "2026"},
            **{"review-day": "3", "review-month": "3", "review-year": "2026"},
        }
    )

    assert not form.is_valid()
    assert form.errors["icpc"] == ["ICPC date must be today or in the future"]
    assert form.errors["review"] == ["Review date must be in the future"]
    assert ConferenceForm(data={"icpc-day": "3", "icpc-month": "3", "icpc-year": "2026"}).is_valid()


def test_a_date_field_without_a_label_is_named_after_the_field() -> None:
    class VisitForm(forms.Form):
        date_of_visit = GovukDateField()

    form = VisitForm(data={})

    assert form.errors["date_of_visit"] == ["Enter date of visit"]


def test_unbound_date_field_round_trips_a_date() -> None:
    field = GovukDateField(required=False)

    assert field.clean(["", "", ""]) is None
    assert not field.has_changed(dt.date(2020, 1, 2), ["2", "1", "2020"])
    assert field.has_changed(dt.date(2020, 1, 2), ["3", "1", "2020"])


def test_gov_uk_form_says_enter_or_select_and_can_make_a_label_the_page_heading() -> None:
    class ChildForm(GovukForm):
        page_heading_field = "name"
        name = forms.CharField(label="Child’s name")
        legal_status = forms.ChoiceField(choices=[("C2", "C2")], widget=forms.RadioSelect)
        agree = forms.BooleanField()

    form = ChildForm(data={})
    html = page(form)

    assert form.errors["name"] == ["Enter child’s name"]
    assert form.errors["legal_status"] == ["Select legal status"]
    assert form.errors["agree"] == ["This field is required."]
    assert (
        '<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" '
        'for="id_name">Child’s name</label></h1>'
    ) in html
    assert [item["href"] for item in form.error_summary()] == [
        "#id_name",
        "#id_legal_status",
        "#id_agree",
    ]


def test_non_field_errors_are_listed_without_a_link() -> None:
    class DatesForm(forms.Form):
        start = forms.CharField()

        def clean(self) -> dict[str, object]:
            raise forms.ValidationError("The end date must be after the start date")

    form = DatesForm(data={"start": "x"})
    form.is_valid()

    assert error_summary_items(form) == [
        {"text": "The end date must be after the start date", "href": ""}
    ]
    assert "<li>The end date must be after the start date</li>" in page(form)


def test_error_summary_escapes_messages() -> None:
    class NameForm(forms.Form):
        name = forms.CharField()

        def clean_name(self) -> str:
            raise forms.ValidationError("<script>")

    form = NameForm(data={"name": "x"})
    form.is_valid()

    assert "<script>" not in page(form)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Date of birth", "date of birth"), ("ICPC date", "ICPC date"), ("A", "a")],
)
def test_lower_first(text: str, expected: str) -> None:
    assert lower_first(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", dt.time(14, 30)),
        ("2:30pm", dt.time(14, 30)),
        ("9am", dt.time(9, 0)),
        ("12am", dt.time(0, 0)),
        ("12pm", dt.time(12, 0)),
        ("9.15", dt.time(9, 15)),
        (" 10 : 05 ", dt.time(10, 5)),
        ("midday", dt.time(12, 0)),
        ("midnight", dt.time(0, 0)),
        ("14", None),
        ("13pm", None),
        ("24:00", None),
        ("9:60", None),
        ("soon", None),
    ],
)
def test_times_are_read_as_gov_uk_writes_them(text: str, expected: dt.time | None) -> None:
    assert parse_time(text) == expected
