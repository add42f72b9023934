"""The spam scorer: alone on the corpus, and as the task that checks new members' first posts and
edited posts, queues what it doubts and hides (never deletes) what it is sure of."""

import json
from pathlib import Path

import pytest
from django.test import override_settings

from moderation import services, spam
from moderation.models import Action, Case, Decision
from tests.accounts.factories import UserFactory
from threads import services as thread_services
from threads.models import Post

CORPUS = Path(__file__).parent / "corpus"


def _corpus():
    spam_texts = json.loads((CORPUS / "spam.json").read_text())
    ham_texts = json.loads((CORPUS / "legitimate.json").read_text())
    return spam_texts, ham_texts


def test_the_corpus_is_big_enough_and_distinct():
    spam_texts, ham_texts = _corpus()
    assert len(spam_texts) >= 60 and len(ham_texts) >= 60
    assert len(set(spam_texts) | set(ham_texts)) == len(spam_texts) + len(ham_texts)


def test_heuristics_alone_never_flag_the_legitimate_corpus_as_sure_spam():
    _spam, ham_texts = _corpus()
    assert max(spam.heuristic_score(text)[0] for text in ham_texts) < 0.9


def test_trained_classifier_separates_held_out_texts():
    spam_texts, ham_texts = _corpus()
    model = spam.NaiveBayes().fit([(t, True) for t in spam_texts[::2]] + [(t, False) for t in ham_texts[::2]])
    assert model.is_trained
    caught = sum(spam.score(t, model).score >= 0.5 for t in spam_texts[1::2])
    false_alarms = sum(spam.score(t, model).score >= 0.5 for t in ham_texts[1::2])
    assert caught >= 0.8 * len(spam_texts[1::2]) and false_alarms <= 3


def test_an_untrained_model_leaves_the_heuristics_alone():
    model = spam.NaiveBayes().fit([("buy now", True)])
    verdict = spam.score("Click here http://bit.ly/x to claim your prize!!!", model)
    assert verdict.classifier is None and verdict.score == pytest.approx(verdict.heuristic, abs=1e-4)


pytestmark = pytest.mark.django_db

PHISHING = "URGENT: your password expires today. Verify your account here http://bit.ly/reset-now and login here!!!"


def test_a_new_members_spam_is_hidden_pending_review_never_deleted(thread, committed):
    newcomer = UserFactory()
    post = committed(thread_services.reply_post, thread_id=thread.pk, author=newcomer, body=PHISHING)
    post.refresh_from_db()
    case = Case.objects.get(target_id=post.pk)
    assert post.is_deleted and case.status == Case.Status.HIDDEN and case.spam_score >= 0.9
    assert list(Decision.objects.values_list("action", flat=True)) == [Action.AUTO_HIDE]
    assert "link shortener" in case.spam_reasons
    # A moderator disagrees: the post comes back intact and the classifier learns "not spam".
    moderator = UserFactory(role="moderator")
    services.case_decide(case_id=case.pk, moderator=moderator, action=Action.KEEP)
    post.refresh_from_db()
    assert not post.is_deleted and post.body == PHISHING
    assert Decision.objects.get(action=Action.KEEP).is_spam is False


def test_legitimate_posts_of_new_members_pass(thread, committed):
    newcomer = UserFactory()
    post = committed(
        thread_services.reply_post,
        thread_id=thread.pk,
        author=newcomer,
        body="The build got faster after the cache fix.",
    )
    post.refresh_from_db()
    assert not post.is_deleted and not Case.objects.exists()


@override_settings(MODERATION_NEW_MEMBER_POSTS=0)
def test_edited_posts_of_established_members_are_scored(thread, employee, committed):
    post = thread_services.reply_post(thread_id=thread.pk, author=employee, body="Useful notes")
    committed(thread_services.post_edit, post_id=post.pk, editor=employee, body=PHISHING)
    post.refresh_from_db()
    assert post.is_deleted and Case.objects.get(target_id=post.pk).status == Case.Status.HIDDEN


@override_settings(MODERATION_NEW_MEMBER_LINKS=2)
def test_new_members_link_limit_hides_pending_review(thread, committed):
    newcomer = UserFactory()
    body = "See https://docs.python.org and https://djangoproject.com and https://postgresql.org"
    post = committed(thread_services.reply_post, thread_id=thread.pk, author=newcomer, body=body)
    post.refresh_from_db()
    assert post.is_deleted and "links from a new member" in Case.objects.get().spam_reasons


@override_settings(MODERATION_NEW_MEMBER_POSTS_PER_HOUR=2)
def test_new_members_posts_per_hour_limit(thread, committed):
    newcomer = UserFactory()
    posts = [
        committed(thread_services.reply_post, thread_id=thread.pk, author=newcomer, body=f"Thought number {i}")
        for i in range(3)
    ]
    hidden = [Post.objects.get(pk=p.pk).is_deleted for p in posts]
    assert hidden == [False, False, True]


@override_settings(MODERATION_NEW_MEMBER_LINKS=2)
def test_limits_lift_with_participation(thread, committed, settings):
    regular = UserFactory()
    for i in range(settings.MODERATION_NEW_MEMBER_POSTS):
        thread_services.reply_post(thread_id=thread.pk, author=regular, body=f"Post {i}")
    body = "See https://docs.python.org and https://djangoproject.com and https://postgresql.org"
    post = committed(thread_services.reply_post, thread_id=thread.pk, author=regular, body=body)
    post.refresh_from_db()
    assert not post.is_deleted


def test_the_classifier_learns_from_moderators_decisions(thread, moderator):
    """Mark-as-spam decisions are training data: a text like them is then queued."""
    author = UserFactory()
    for i in range(spam.MIN_EXAMPLES):
        for is_spam, body in ((True, f"zorblax tokens presale number {i}"), (False, f"sprint retro notes {i}")):
            post = thread_services.reply_post(thread_id=thread.pk, author=author, body=body)
            case = services.flag_create(
                reporter=UserFactory(), target_kind="post", target_id=post.pk, reason="spam"
            ).case
            services.case_decide(case_id=case.pk, moderator=moderator, action=Action.SPAM if is_spam else Action.KEEP)
    model = services.spam_model()
    assert model.is_trained
    assert spam.score("zorblax presale", model).score > 0.5 > spam.score("retro notes", model).score
