from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

WORD = ~Q(term__contains=" ")


class SearchTermQuerySet(models.QuerySet):
    def words(self):
        """The terms of one word (from their own index)."""
        return self.filter(WORD)


class SearchTerm(models.Model):
    """A word, or two words side by side, of the title or lead of a published article, folded
    as search folds them ("quoc phong"), and how many times saved articles held it: what a
    misspelt query is corrected to (news/search.py). Vietnamese words are mostly two syllables,
    so pairs correct a syllable by its neighbour: "khuyen hok" is "khuyen hoc", not "khuyen ho".
    Never pruned: a term no longer in any article only offers a correction that finds nothing.
    """

    term = models.CharField(_("term"), primary_key=True, max_length=200)
    seen = models.PositiveIntegerField(_("times seen"), default=0)

    objects = SearchTermQuerySet.as_manager()

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        # The words, read apart from the pairs (news/corrections.py), which outnumber them.
        indexes = [
            models.Index(
                fields=["term"], include=["seen"], name="searchterm_word_idx", condition=WORD
            )
        ]

    def __str__(self):
        return self.term
