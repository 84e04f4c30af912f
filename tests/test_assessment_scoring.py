"""The scoring rules, exercised directly on plain data (no database)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.scoring import (
    NEITHER_BELOW,
    CantTellReason,
    Verdict,
    agreement,
    answers_that_weighed_most,
    contributions,
    enough_telling_answers,
    role_score,
    scale_position,
    score_answers,
    telling_answers,
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

    if outcome.verdict in (Verdict.CLEAR, Verdict.CLOSE_CALL):
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


# --- Every pattern gets its honest outcome ----------------------------------------

# Two positive and one reverse-keyed statement per path, and a forced choice between them.
BALANCED = {
    1: {MGMT: 2},
    2: {ADMIN: 2},
    3: {MGMT: -2},  # "I would find long-term planning dull."
    4: {ADMIN: -2},  # "Keeping records in order sounds boring to me."
    5: {MGMT: 2},
    6: {ADMIN: 2},
    7: {MGMT: 2, ADMIN: -2},  # "I would rather set goals than run the daily routine."
}


def test_one_agree_among_neutral_answers_means_we_cant_tell():
    weights = {n: ({MGMT: 2} if n % 2 else {ADMIN: 2}) for n in range(1, 17)}
    answers = dict.fromkeys(weights, 3) | {1: 4}

    outcome = score(answers, weights=weights)

    assert outcome.verdict == Verdict.CANT_TELL
    assert outcome.cant_tell_reason == CantTellReason.TOO_FEW_SIGNALS


def test_disliking_what_both_paths_do_means_neither_fits():
    # Disagrees with every positive statement, agrees with both reverse-keyed ones,
    # and has no preference in the forced choice.
    answers = {1: 1, 2: 1, 3: 5, 4: 5, 5: 2, 6: 2, 7: 3}

    outcome = score(answers, weights=BALANCED)

    assert outcome.verdict == Verdict.NEITHER
    assert outcome.recommended is None


def test_agreeing_with_everything_in_balanced_statements_recommends_nothing():
    outcome = score(dict.fromkeys(BALANCED, 5), weights=BALANCED)

    assert outcome.verdict == Verdict.CANT_TELL
    assert outcome.recommended is None


def test_answers_to_statements_that_weigh_every_path_alike_tell_nothing():
    weights = {1: {MGMT: 2, ADMIN: 2}, 2: {MGMT: 1, ADMIN: 1}, 3: {MGMT: 2}}

    assert telling_answers(answers={1: 5, 2: 1, 3: 3}, weights=weights, roles=ROLES) == 0


def test_the_scale_runs_from_the_left_path_to_the_right_one():
    assert scale_position(left=100, right=0) == 0
    assert scale_position(left=50, right=50) == 50
    assert scale_position(left=0, right=100) == 100
    assert scale_position(left=75, right=25) == 25


@given(assessments())
def test_too_few_telling_answers_always_means_we_cant_tell(assessment):
    roles, weights, answers, threshold = assessment
    telling = telling_answers(answers=answers, weights=weights, roles=roles)

    outcome = score_answers(answers=answers, weights=weights, roles=roles, threshold=threshold)

    if not enough_telling_answers(telling=telling, answered=len(answers)):
        assert outcome.verdict == Verdict.CANT_TELL
        assert outcome.recommended is None


@given(assessments())
def test_neither_fits_exactly_when_a_readable_answer_scores_every_path_low(assessment):
    roles, weights, answers, threshold = assessment

    outcome = score_answers(answers=answers, weights=weights, roles=roles, threshold=threshold)

    if outcome.verdict != Verdict.CANT_TELL:
        all_low = all(score < NEITHER_BELOW for score in outcome.scores.values())
        assert (outcome.verdict == Verdict.NEITHER) == all_low
    if outcome.verdict == Verdict.NEITHER:
        assert outcome.recommended is None


@given(assessments())
def test_a_recommendation_needs_enough_telling_answers_and_a_path_that_fits(assessment):
    roles, weights, answers, threshold = assessment

    outcome = score_answers(answers=answers, weights=weights, roles=roles, threshold=threshold)

    if outcome.verdict in (Verdict.CLEAR, Verdict.CLOSE_CALL):
        telling = telling_answers(answers=answers, weights=weights, roles=roles)
        assert enough_telling_answers(telling=telling, answered=len(answers))
        assert len(set(answers.values())) > 1
        assert max(outcome.scores.values()) >= NEITHER_BELOW


@given(assessments())
def test_every_pattern_gets_exactly_one_of_the_four_outcomes(assessment):
    roles, weights, answers, threshold = assessment

    outcome = score_answers(answers=answers, weights=weights, roles=roles, threshold=threshold)

    assert outcome.verdict in set(Verdict)
    assert (outcome.cant_tell_reason is not None) == (outcome.verdict == Verdict.CANT_TELL)


@given(st.floats(0, 100), st.floats(0, 100))
def test_the_scale_position_stays_on_the_scale_and_leans_to_the_higher_score(left, right):
    position = scale_position(left=left, right=right)

    assert 0 <= position <= 100
    if right > left:
        assert position >= 50
    if right < left:
        assert position <= 50
