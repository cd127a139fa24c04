"""Votes obey the one alt rule: no votes from or for an account without an email (unless staff
confirmed it), and a trailing dot on the domain is the same mailbox."""

from evennia.accounts.models import AccountDB

from world.voting.models import Vote


def set_email(account, email):
    AccountDB.objects.filter(pk=account.pk).update(email=email)
    account.email = email


def test_an_account_without_email_cannot_vote(play, voter, bruno):
    set_email(voter.account, "")

    assert play(voter, "vote bruno").startswith("Your account has no email address")
    assert not Vote.objects.exists()


def test_no_votes_for_an_account_without_email(play, voter, bruno):
    set_email(bruno.account, "")

    assert play(voter, "vote bruno").startswith("Bruno's player has no email address on record")
    assert not Vote.objects.exists()


def test_a_trailing_dot_alt_cannot_be_voted_for(play, voter, bruno):
    set_email(voter.account, "main@example.com")
    set_email(bruno.account, "Main@Example.com.")

    assert play(voter, "vote bruno") == (
        "You cannot vote for the characters of your own alt accounts."
    )
    assert not Vote.objects.exists()
