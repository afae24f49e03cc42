"""The portal's identity: name, station, contacts, logo (one row)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .. import renditions as photo_renditions
from ..images import validate_image


class SiteSettings(models.Model):
    """The portal's identity: one row, edited in the admin. Templates never name a district."""

    portal_name = models.CharField(
        _("portal name"), max_length=200, default="Cổng thông tin điện tử"
    )
    station_name = models.CharField(_("station name"), max_length=200, blank=True)
    tagline = models.CharField(_("tagline"), max_length=300, blank=True)
    responsible_body = models.CharField(
        _("responsible body"),
        max_length=300,
        blank=True,
        help_text=_("The body responsible for the content, shown in the footer."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="site/", blank=True, validators=[validate_image])
    # The logo as pages show it (header, favicon): 128 px, made when the logo changes, so that
    # phones never download the uploaded original for a 48 px picture.
    logo_small = models.ImageField(upload_to="site/", blank=True, editable=False)
    licence = models.CharField(
        _("content licence"),
        max_length=300,
        blank=True,
        help_text=_("A line on reuse of the content, shown in the footer."),
    )
    # What a state e-portal must show in its footer (Decree 42/2022): who answers for the
    # content, and the licence to run the portal.
    responsible_person = models.CharField(
        _("person responsible"),
        max_length=200,
        blank=True,
        help_text=_('Shown in the footer, e.g. "Nguyễn Văn A, Giám đốc Đài".'),
    )
    permit = models.CharField(
        _("licence to run the portal"),
        max_length=300,
        blank=True,
        help_text=_('Number, date and issuer, e.g. "Giấy phép số 12/GP-TTĐT ngày 01/02/2026".'),
    )
    share_image = models.ImageField(
        _("share image"),
        upload_to="site/",
        blank=True,
        validators=[validate_image],
        help_text=_(
            "Shown when a page without a photo of its own is shared on Zalo or Facebook "
            "(1200×630 pixels is best). Without it, the logo; without a logo, a plain image."
        ),
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return self.portal_name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        small_name = self._small_logo_name()
        if self.logo_small.name != small_name:
            if self.logo_small:
                photo_renditions.delete_after_commit(
                    [self.logo_small.name], self.logo_small.storage
                )
            self.logo_small = (
                photo_renditions.small_logo(self.logo, small_name) if self.logo else ""
            )
            super().save(update_fields=["logo_small"])

    def _small_logo_name(self):
        # Named after the logo it was made from: a new logo means a new small copy.
        return f"{self.logo.name.rsplit('.', 1)[0]}-128.png" if self.logo else ""

    @classmethod
    def load(cls):
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class MenuLink(models.Model):
    """A link editors place in the main menu or the footer: a category (its subcategories
    follow it in the menu), or an address (a page of the portal, another state portal). With
    no main-menu link at all, the menu lists the top-level categories."""

    class Place(models.TextChoices):
        MENU = "menu", _("Main menu")
        FOOTER = "footer", _("Footer: other portals")

    site = models.ForeignKey(SiteSettings, on_delete=models.CASCADE, related_name="links")
    place = models.CharField(_("place"), max_length=10, choices=Place.choices, default=Place.MENU)
    category = models.ForeignKey(
        "news.Category",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    url = models.CharField(
        _("address"),
        max_length=500,
        blank=True,
        help_text=_('Instead of a category: "/gioi-thieu/" or "https://hanam.gov.vn".'),
        validators=[
            RegexValidator(
                r"^(/|https?://)\S*$",
                _('Start the address with "/" (this portal) or "https://" (another site).'),
            )
        ],
    )
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("Empty: the category's name.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("menu and footer links")
        ordering = ["place", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(category__isnull=False) & Q(url=""))
                | (Q(category__isnull=True) & ~Q(url="")),
                name="menulink_category_or_url",
                violation_error_message=_("Choose a category or type an address, not both."),
            )
        ]

    def __str__(self):
        return self.label or (self.category.name if self.category_id else self.url)

    def clean(self):
        if self.category_id is None and not self.url:
            raise ValidationError(_("Choose a category or type an address."))
        if self.category_id is None and not self.label:
            raise ValidationError({"label": _("A link to an address needs a label.")})

    @property
    def is_external(self):
        return self.url.startswith(("http://", "https://"))
