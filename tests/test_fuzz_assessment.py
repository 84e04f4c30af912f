"""
Bad input never breaks the assessment: random, missing, extra and repeated fields, huge
values, invalid encodings and wrong methods never give a 500 and never store a row.
"""

from urllib.parse import quote_plus

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.forms import field_name
from assessment.models import Result

pytestmark = pytest.mark.django_db

FORM_URL = "/assessment/"
SCALE = ["1", "2", "3", "4", "5"]
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(autouse=True)
def generous_rate_limit(settings):
    settings.ASSESSMENT_RATE_LIMIT = "1000000/m"
    settings.ASSESSMENT_CLIENT_RATE_LIMIT = "1000000/m"


@pytest.fixture
def question_fields(assessment_questions):
    return [field_name(question) for question in assessment_questions.values()]


values = st.one_of(
    st.sampled_from(SCALE),
    st.sampled_from(["0", "6", "-1", "3.0", " 3", "05", "", "1e3", "99999999999999999999"]),
    st.text(max_size=40),
    st.text(min_size=1000, max_size=5000),
)


def expected_valid(pairs, question_fields):
    """What Django will see: for repeated fields, the last value wins."""
    last = {}
    for name, value in pairs:
        last[name] = value
    return all(last.get(name) in SCALE for name in question_fields)


def encode(pairs):
    return "&".join(f"{quote_plus(name)}={quote_plus(value)}" for name, value in pairs)


def post_form(client, body, content_type="application/x-www-form-urlencoded"):
    return client.post(FORM_URL, data=body, content_type=content_type)


def check(client, body, valid, content_type="application/x-www-form-urlencoded"):
    before = Result.objects.count()
    response = post_form(client, body, content_type)
    after = Result.objects.count()
    assert response.status_code != 500
    if valid:
        assert response.status_code == 303, response.status_code
        assert after == before + 1
    else:
        assert response.status_code in (400, 422), response.status_code
        assert after == before


@FUZZ
@given(data=st.data())
def test_random_submissions_never_crash_and_store_only_valid_ones(client, question_fields, data):
    names = st.one_of(st.sampled_from(question_fields), st.text(max_size=30))
    # Start from a full answer sheet, then drop, add, repeat and corrupt fields at random.
    pairs = [(name, data.draw(st.sampled_from(SCALE))) for name in question_fields]
    dropped = data.draw(st.sets(st.sampled_from(question_fields)))
    pairs = [(name, value) for name, value in pairs if name not in dropped]
    pairs += data.draw(st.lists(st.tuples(names, values), max_size=8))
    pairs = data.draw(st.permutations(pairs))
    check(client, encode(pairs), expected_valid(pairs, question_fields))


@FUZZ
@given(body=st.binary(max_size=2000))
def test_arbitrary_bytes_as_a_form_body_never_crash_or_store(client, question_fields, body):
    # Random bytes essentially never form a complete valid answer sheet.
    response = post_form(client, body)
    assert response.status_code in (400, 422)
    assert not Result.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        b"question-1=%FF%FE&question-2=%C3%28",
        b"%ZZ=%ZZ&&&==&=",
        "question-1=\u0000\u202e".encode(),
        b"\xff\xfe\xfd",
    ],
)
def test_invalid_encodings_get_a_clear_answer_not_a_crash(client, question_fields, body):
    response = post_form(client, body)
    assert response.status_code in (400, 422)
    assert not Result.objects.exists()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'{"question-1": 5}', "application/json"),
        (b"--x\r\nContent-Disposition: form-data\r\n\r\n", "multipart/form-data; boundary=x"),
        (b"garbage", "multipart/form-data"),
        (b"<xml/>", "text/xml"),
    ],
)
def test_unexpected_content_types_never_crash_or_store(client, question_fields, body, content_type):
    response = post_form(client, body, content_type)
    assert response.status_code in (400, 422)
    assert not Result.objects.exists()


def test_a_huge_body_is_refused_and_stores_nothing(client, question_fields):
    pairs = [(name, "5") for name in question_fields] + [("padding", "x" * 200_000)]
    response = post_form(client, encode(pairs))
    assert response.status_code == 413
    assert not Result.objects.exists()


def test_thousands_of_fields_are_refused_and_store_nothing(client, question_fields):
    pairs = [(name, "5") for name in question_fields] + [(f"f{i}", "1") for i in range(1000)]
    response = post_form(client, encode(pairs))
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert not Result.objects.exists()


def test_the_same_valid_submission_sent_twice_stores_two_results(client, question_fields):
    body = encode([(name, "4" if i % 2 else "2") for i, name in enumerate(question_fields)])
    assert post_form(client, body).status_code == 303
    assert post_form(client, body).status_code == 303
    assert Result.objects.count() == 2


@pytest.mark.parametrize("method", ["put", "patch", "delete", "options", "trace"])
def test_wrong_methods_are_refused_and_store_nothing(client, question_fields, method):
    response = getattr(client, method)(FORM_URL)
    assert response.status_code == 405
    assert not Result.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/no-such-page/",
        "/roles/no-such-role/",
        "/compare/no-such-role-vs-healthcare-management/",
        "/compare/not-a-comparison/",
        "/assessment/results/" + "A" * 32 + "/",
        "/assessment/results/too-short/",
        "/assessment/results/" + "%00" * 32 + "/",
        "/degrees/extra/",
        "/" + "x" * 5000,
    ],
)
def test_unknown_addresses_get_the_sites_404_page(client, seeded, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
