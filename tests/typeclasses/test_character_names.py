"""One name rule for characters, applied wherever a name is set: unique whatever the case, and
free of Evennia markup and control characters."""

import pytest
from django.test import Client
from evennia.objects.models import ObjectDB

from typeclasses.characters import Character
from typeclasses.factories import CharacterFactory
from typeclasses.names import character_name_error


@pytest.mark.parametrize("name", ["Ayla", "Mary-Jane", "O'Brien", "Jr. Smith", "Ayla2", "Élodie"])
def test_ordinary_names_are_accepted(db, name):
    assert character_name_error(name) is None


@pytest.mark.parametrize(
    "name",
    [
        "",
        "   ",
        " Ayla",
        "|rAyla|n",
        "Ayla|/SYSTEM",
        "|lcxp/award player = 500|ltAyla|le",
        "Ay\x1b[2Jla",
        "Ay\x00la",
        "Ay\x07la",
        "Ay\nla",
        "$You()",
        "Ay  la",
        "2Ayla",
        "A" * 31,
    ],
)
def test_names_with_markup_control_characters_or_odd_shapes_are_refused(db, name):
    assert character_name_error(name)


def test_a_name_is_taken_whatever_its_case(account):
    CharacterFactory(account=account, key="Corin")

    assert "already exists" in character_name_error("cORIN")


def test_a_character_may_keep_its_own_name(account):
    corin = CharacterFactory(account=account, key="Corin")

    assert character_name_error("corin", exclude_id=corin.id) is None


def test_character_create_refuses_a_taken_name_even_without_an_account(account):
    CharacterFactory(account=account, key="Corin")

    character, errors = Character.create("corin")

    assert character is None
    assert "already exists" in errors[0]
    assert ObjectDB.objects.filter(db_key__iexact="corin").count() == 1


def test_charcreate_refuses_a_taken_name(account, other_account):
    # What the charcreate command calls.
    CharacterFactory(account=other_account, key="Corin")

    character, errors = account.create_character(key="CORIN")

    assert character is None
    assert errors
    assert ObjectDB.objects.filter(db_key__iexact="corin").count() == 1


def test_charcreate_refuses_markup(account):
    character, errors = account.create_character(key="|lcxp/award player = 500|ltBob|le")

    assert character is None
    assert errors
    assert not ObjectDB.objects.filter(db_key__icontains="award").exists()


def test_the_websites_character_form_refuses_a_taken_name(account, other_account):
    CharacterFactory(account=other_account, key="Corin")
    client = Client()
    client.force_login(account)

    client.post("/characters/create/", {"db_key": "corin", "desc": "A thief."})

    assert ObjectDB.objects.filter(db_key__iexact="corin").count() == 1


@pytest.fixture
def admin_client(db):
    from evennia.accounts.models import AccountDB

    superuser = AccountDB.objects.create_superuser("root", "root@example.com", "pw-root-123")
    client = Client()
    client.force_login(superuser)
    return client


def _admin_change_form(admin_client, character):
    page = admin_client.get(f"/admin/objects/objectdb/{character.id}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, list | tuple):
            value = [getattr(v, "pk", v) for v in value]
        else:
            value = getattr(value, "pk", value)
        data[name] = value
    # The inline formsets (tags, attributes) are posted with no forms: left as they are.
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return data


def test_the_admin_refuses_renaming_a_character_to_a_taken_name(admin_client, account):
    CharacterFactory(account=account, key="Corin")
    other = CharacterFactory(account=account, key="Bren")
    data = _admin_change_form(admin_client, other)
    data["db_key"] = "CORIN"

    response = admin_client.post(f"/admin/objects/objectdb/{other.id}/change/", data)

    assert response.status_code == 200  # the form again, with the error
    assert "already exists" in response.content.decode()
    assert ObjectDB.objects.get(id=other.id).db_key == "Bren"


def test_the_admin_refuses_markup_in_a_character_name(admin_client, account):
    other = CharacterFactory(account=account, key="Bren")
    data = _admin_change_form(admin_client, other)
    data["db_key"] = "|rBren"

    response = admin_client.post(f"/admin/objects/objectdb/{other.id}/change/", data)

    assert response.status_code == 200
    assert ObjectDB.objects.get(id=other.id).db_key == "Bren"


def test_the_admin_saves_a_valid_rename(admin_client, account):
    other = CharacterFactory(account=account, key="Bren")
    data = _admin_change_form(admin_client, other)
    data["db_key"] = "Brendan"

    response = admin_client.post(f"/admin/objects/objectdb/{other.id}/change/", data)

    assert response.status_code == 302, (
        response.context["adminform"].form.errors,
        [f.formset.errors for f in response.context["inline_admin_formsets"]],
    )
    assert ObjectDB.objects.get(id=other.id).db_key == "Brendan"
