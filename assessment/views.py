from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from .forms import AssessmentForm
from .limits import count_submission
from .models import AssessmentSettings, Result
from .results import INTEREST_PROFILERS, next_steps, result_summary
from .scoring import NEITHER_BELOW
from .services import current_assessment_content, record_result, statement_sources

# An invalid submission comes back with this status: the page renders as usual in a
# browser, while tests, fuzzers and logs can tell it from a plain 200.
INVALID_SUBMISSION_STATUS = 422


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


@never_cache  # the form carries a CSRF token, so it is never shared from a cache
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_form(request):
    content = current_assessment_content()
    questions = content.questions
    if request.method != "POST":
        form = AssessmentForm(questions=questions)
        return render(request, "assessment/assessment_form.html", {"form": form})

    if _oversized(request):
        return render(request, "assessment/too_large.html", status=413)
    form = AssessmentForm(request.POST, questions=questions)
    if wait_seconds := count_submission(request):
        # The form comes back with every answer as sent, so nothing typed is lost.
        context = {"form": form, "wait_seconds": wait_seconds}
        response = render(request, "assessment/assessment_form.html", context, status=429)
        response["Retry-After"] = str(wait_seconds)
        return response
    if not form.is_valid():
        return render(
            request,
            "assessment/assessment_form.html",
            {"form": form},
            status=INVALID_SUBMISSION_STATUS,
        )
    result = record_result(content=content, answers=form.answers())
    return HttpResponseSeeOther(result.get_absolute_url())


def _oversized(request) -> bool:
    """Whether a submission is far larger than any complete one: a flood, not an answer."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    return (
        length > settings.ASSESSMENT_MAX_BYTES or len(request.POST) > settings.ASSESSMENT_MAX_FIELDS
    )


@never_cache  # private to whoever holds the link: never in a shared cache
@require_safe
def result_detail(request, token):
    result = get_object_or_404(Result.objects.select_related("version"), token=token)
    summary = result_summary(result=result)
    context = {"result": result, "summary": summary, "next_steps": next_steps(summary=summary)}
    response = render(request, "assessment/result_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def how_it_works(request):
    context = {
        "threshold": AssessmentSettings.current().close_call_threshold,
        "neither_below": NEITHER_BELOW,
        "interest_profilers": INTEREST_PROFILERS,
        "sources": statement_sources(),
    }
    return render(request, "assessment/how_it_works.html", context)
