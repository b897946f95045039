"""The comment form of a draft: the article comment form's fields and checks, without replies."""

from django import forms

from comments import moderation
from comments.forms import CommentForm


def token_target(draft):
    """What the form's signed time stamp is bound to (never an article's id)."""
    return f"du-thao-{draft.pk}"


class DraftCommentForm(CommentForm):
    parent = None  # no replies on a draft: one comment, one opinion

    def __init__(self, *args, draft, **kwargs):
        self.draft = draft
        kwargs.setdefault("auto_id", "gop-y-%s")
        forms.Form.__init__(self, *args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("issued", moderation.issue_token(token_target(draft)))
        self.fields["body"].label = "Ý kiến góp ý"
        self.fields["body"].widget.attrs["aria-describedby"] = "gop-y-dem"
        self.fields["email"].widget.attrs["aria-describedby"] = "gop-y-email-note"
