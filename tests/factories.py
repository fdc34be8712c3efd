"""factory_boy factories shared by the whole suite."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from common.role_permissions import roles_ensure
from common.roles import COMMUNICATIONS, REVIEWERS, SOURCE_ADMINS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create and extracted:
            # Transactional tests flush the groups the migration made; put them back.
            roles_ensure()
            self.groups.add(*Group.objects.filter(name__in=extracted))  # type: ignore[attr-defined]


def communications_user(**kwargs: object):  # type: ignore[no-untyped-def]
    return UserFactory(roles=[COMMUNICATIONS], **kwargs)


def reviewer_user(**kwargs: object):  # type: ignore[no-untyped-def]
    return UserFactory(roles=[REVIEWERS], **kwargs)


def source_admin_user(**kwargs: object):  # type: ignore[no-untyped-def]
    return UserFactory(roles=[SOURCE_ADMINS], **kwargs)
