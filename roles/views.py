from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .models import DegreeProgram, Role


def home(request):
    roles = Role.objects.published()
    return render(request, "roles/home.html", {"roles": roles})


def role_detail(request, slug):
    role = get_object_or_404(Role, slug=slug)
    if not role.is_published and not request.user.is_staff:
        raise Http404("No such role.")
    return render(request, "roles/role_detail.html", {"role": role})


def degree_list(request):
    programs = DegreeProgram.objects.published()
    return render(request, "roles/degree_list.html", {"programs": programs})
