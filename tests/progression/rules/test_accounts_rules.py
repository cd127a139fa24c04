"""normalised_email: the one comparison of email addresses the alt checks make."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from world.progression.rules.accounts import normalised_email, same_mailbox


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("Ann@Example.com", "ann@example.com"),
        ("  ann@example.com ", "ann@example.com"),
        ("ann+alt@example.com", "ann@example.com"),
        ("ann+a+b@example.com", "ann@example.com"),
        ("a.n.n@gmail.com", "ann@gmail.com"),
        ("Ann.B+x@GoogleMail.com", "annb@gmail.com"),
        ("a.nn@example.com", "a.nn@example.com"),  # dots matter outside Gmail
    ],
)
def test_an_address_normalises_to_its_mailbox(email, expected):
    assert normalised_email(email) == expected


@pytest.mark.parametrize("email", ["", "   ", None, "ann", "@example.com", "+x@example.com", "."])
def test_empty_or_malformed_addresses_have_no_mailbox(email):
    assert normalised_email(email) is None


def test_plus_addressing_and_case_are_the_same_mailbox():
    assert same_mailbox("Ann@example.com", "ann+alt@EXAMPLE.com")
    assert not same_mailbox("ann@example.com", "anne@example.com")


def test_empty_addresses_never_match():
    assert not same_mailbox("", "")
    assert not same_mailbox(None, "  ")


def test_a_trailing_dot_on_the_domain_is_the_same_mailbox():
    assert same_mailbox("main@gmail.com.", "main@gmail.com")
    assert same_mailbox("Main+x@Example.org..", "main@example.org")
    assert normalised_email("main@.") is None


@given(st.emails())
def test_normalising_ignores_a_root_dot_and_is_idempotent(email):
    mailbox = normalised_email(email)

    assert normalised_email(email + ".") == mailbox
    assert mailbox is None or normalised_email(mailbox) == mailbox
