"""The scoring rules, exercised directly on plain data (no database)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.scoring import (
    CantTellReason,
    Verdict,
    agreement,
    answers_that_weighed_most,
    contributions,
    role_score,
    score_answers,
)

MGMT, ADMIN = "healthcare-management", "healthcare-administration"
ROLES = [MGMT, ADMIN]
# Two statements toward each path.
WEIGHTS = {1: {MGMT: 2}, 2: {MGMT: 2}, 3: {ADMIN: 2}, 4: {ADMIN: 2}}


def score(answers, weights=WEIGHTS, roles=ROLES, threshold=10):
    return score_answers(answers=answers, weights=weights, roles=roles, threshold=threshold)


def test_answers_map_to_agreement_from_minus_two_to_plus_two():
    assert [agreement(answer) for answer in (1, 2, 3, 4, 5)] == [-2, -1, 0, 1, 2]


@pytest.mark.parametrize("answer", [0, 6, -1, "5", None])
def test_an_answer_off_the_scale_is_refused(answer):
    with pytest.raises(ValueError):
        agreement(answer)


def test_agreeing_with_one_paths_statements_and_disagreeing_with_the_others_recommends_it():
    outcome = score({1: 5, 2: 5, 3: 1, 4: 1})

    assert outcome.verdict == Verdict.CLEAR
    assert outcome.recommended == MGMT
    assert outcome.runner_up == ADMIN
    assert outcome.scores == {MGMT: 100, ADMIN: 0}
    assert outcome.gap == 100


def test_the_mirror_profile_recommends_the_other_path():
    outcome = score({1: 1, 2: 1, 3: 5, 4: 5})

    assert outcome.recommended == ADMIN
    assert outcome.scores == {MGMT: 0, ADMIN: 100}


def test_neutral_answers_to_a_roles_statements_score_it_fifty():
    outcome = score({1: 3, 2: 3, 3: 5, 4: 4})

    assert outcome.scores[MGMT] == 50


def test_score_is_the_share_of_the_range_between_least_and_most_possible():
    # Agreement +1 and +2 on two weight-2 statements: raw 6 of a possible -8..8.
    assert role_score(answers={1: 4, 2: 5}, weights=WEIGHTS, role=MGMT) == pytest.approx(87.5)


def test_a_negative_weight_scores_highest_when_strongly_disagreeing():
    weights = {1: {MGMT: -3}, 2: {MGMT: 1}}

    assert role_score(answers={1: 1, 2: 5}, weights=weights, role=MGMT) == 100
    assert role_score(answers={1: 5, 2: 1}, weights=weights, role=MGMT) == 0


def test_a_gap_under_the_threshold_is_a_close_call_that_still_says_which_way_it_leans():
    # Management 75, administration 62.5: 12.5 points apart.
    outcome = score({1: 5, 2: 3, 3: 4, 4: 3}, threshold=15)

    assert outcome.verdict == Verdict.CLOSE_CALL
    assert outcome.recommended == MGMT
    assert outcome.gap == pytest.approx(12.5)


def test_a_gap_equal_to_the_threshold_is_not_a_close_call():
    outcome = score({1: 5, 2: 3, 3: 4, 4: 3}, threshold=12.5)

    assert outcome.verdict == Verdict.CLEAR


def test_an_exact_tie_is_a_close_call_even_with_a_zero_threshold():
    outcome = score({1: 5, 2: 3, 3: 5, 4: 3}, threshold=0)

    assert outcome.verdict == Verdict.CLOSE_CALL
    assert outcome.gap == 0


@pytest.mark.parametrize("answer", [1, 2, 3, 4, 5])
def test_the_same_answer_everywhere_means_we_cant_tell(answer):
    outcome = score({1: answer, 2: answer, 3: answer, 4: answer})

    assert outcome.verdict == Verdict.CANT_TELL
    assert outcome.cant_tell_reason == CantTellReason.SAME_ANSWERS
    assert outcome.recommended is None
    assert outcome.gap is None


def test_identical_answers_cant_tell_even_when_the_weights_are_lopsided():
    weights = {1: {MGMT: 5}, 2: {MGMT: 5, ADMIN: -5}, 3: {ADMIN: 1}}

    outcome = score({1: 5, 2: 5, 3: 5}, weights=weights)

    assert outcome.verdict == Verdict.CANT_TELL


def test_a_role_no_question_weighs_means_we_cant_tell():
    outcome = score({1: 5, 2: 1, 3: 4}, roles=[MGMT, ADMIN, "nursing"])

    assert outcome.verdict == Verdict.CANT_TELL
    assert outcome.cant_tell_reason == CantTellReason.NO_WEIGHTS
    assert outcome.scores["nursing"] is None


@pytest.mark.parametrize("roles", [[], [MGMT]])
def test_fewer_than_two_roles_means_we_cant_tell(roles):
    outcome = score({1: 5, 2: 1}, roles=roles)

    assert outcome.verdict == Verdict.CANT_TELL
    assert outcome.cant_tell_reason == CantTellReason.TOO_FEW_ROLES


def test_no_answers_means_we_cant_tell():
    assert score({}).verdict == Verdict.CANT_TELL


def test_three_roles_are_ranked_and_the_runner_up_is_second():
    weights = {1: {"a": 1}, 2: {"b": 1}, 3: {"c": 1}}

    outcome = score({1: 4, 2: 5, 3: 1}, weights=weights, roles=["a", "b", "c"], threshold=5)

    assert outcome.recommended == "b"
    assert outcome.runner_up == "a"
    assert outcome.gap == pytest.approx(25)


def test_answers_that_weighed_most_are_those_that_pushed_the_recommendation_ahead():
    weights = {1: {MGMT: 3}, 2: {MGMT: 1}, 3: {ADMIN: 2}, 4: {ADMIN: 2}}
    answers = {1: 5, 2: 4, 3: 1, 4: 4}

    top = answers_that_weighed_most(answers=answers, weights=weights, roles=ROLES, toward=MGMT)

    # Q1 (strong agreement, heavy weight) then Q3 (strong disagreement with the other path)
    # then Q2; Q4 pulled toward administration and is left out.
    assert top == [1, 3, 2]


def test_answers_that_weighed_most_are_limited():
    answers = {1: 5, 2: 5, 3: 1, 4: 1}

    top = answers_that_weighed_most(
        answers=answers, weights=WEIGHTS, roles=ROLES, toward=MGMT, limit=2
    )

    assert len(top) == 2


def test_contributions_add_up_to_the_difference_between_scores_beyond_the_midpoint():
    answers = {1: 5, 2: 2, 3: 4, 4: 1}
    outcome = score(answers)

    moved = contributions(answers=answers, weights=WEIGHTS, roles=ROLES, toward=MGMT)

    assert sum(moved.values()) == pytest.approx(outcome.scores[MGMT] - outcome.scores[ADMIN])


# --- Properties ------------------------------------------------------------------

role_names = st.lists(
    st.text(alphabet="abcdefgh", min_size=1, max_size=4), min_size=2, max_size=4, unique=True
)


@st.composite
def assessments(draw):
    """Any roles, questions, weights (negative and zero included) and answers."""
    roles = draw(role_names)
    questions = draw(st.lists(st.integers(1, 10_000), min_size=1, max_size=20, unique=True))
    weights = {
        question: draw(st.dictionaries(st.sampled_from(roles), st.integers(-10, 10)))
        for question in questions
    }
    answers = {question: draw(st.integers(1, 5)) for question in questions}
    threshold = draw(st.integers(0, 100))
    return roles, weights, answers, threshold


@given(assessments())
def test_scores_stay_between_0_and_100(assessment):
    roles, weights, answers, threshold = assessment

    outcome = score_answers(answers=answers, weights=weights, roles=roles, threshold=threshold)

    for value in outcome.scores.values():
        assert value is None or 0 <= value <= 100
    assert outcome.gap is None or 0 <= outcome.gap <= 100


@given(assessments(), st.randoms())
def test_the_order_of_questions_does_not_change_the_outcome(assessment, random):
    roles, weights, answers, threshold = assessment
    shuffled = list(answers.items())
    random.shuffle(shuffled)

    original = score_answers(answers=answers, weights=weights, roles=roles, threshold=threshold)
    reordered = score_answers(
        answers=dict(shuffled), weights=weights, roles=roles, threshold=threshold
    )

    assert reordered == original


@given(assessments(), st.data())
def test_swapping_two_roles_weights_swaps_their_scores(assessment, data):
    roles, weights, answers, threshold = assessment
    first, second = data.draw(st.permutations(roles))[:2]
    swap = {first: second, second: first}
    swapped = {
        question: {swap.get(role, role): weight for role, weight in by_role.items()}
        for question, by_role in weights.items()
    }

    original = score_answers(answers=answers, weights=weights, roles=roles, threshold=threshold)
    mirrored = score_answers(answers=answers, weights=swapped, roles=roles, threshold=threshold)

    assert mirrored.scores[first] == original.scores[second]
    assert mirrored.scores[second] == original.scores[first]


@given(assessments())
def test_a_recommendation_is_the_top_score_and_the_gap_is_to_the_runner_up(assessment):
    roles, weights, answers, threshold = assessment

    outcome = score_answers(answers=answers, weights=weights, roles=roles, threshold=threshold)

    if outcome.verdict != Verdict.CANT_TELL:
        best = max(outcome.scores.values())
        assert outcome.scores[outcome.recommended] == best
        assert outcome.gap == best - outcome.scores[outcome.runner_up]
        assert (outcome.verdict == Verdict.CLOSE_CALL) == (
            outcome.gap < threshold or not outcome.gap
        )


@given(assessments())
def test_the_same_answer_everywhere_never_recommends(assessment):
    roles, weights, answers, threshold = assessment
    same = dict.fromkeys(answers, next(iter(answers.values())))

    outcome = score_answers(answers=same, weights=weights, roles=roles, threshold=threshold)

    assert outcome.verdict == Verdict.CANT_TELL
    assert outcome.recommended is None
