"""How grades work (/grades): the consumer grade rule and staff stars, with the numbers in force."""

from __future__ import annotations

import dash

from analytics.reviews.registry import card
from backend.i18n import _, ngettext
from backend.reviews import profile, staff_stars
from backend.reviews.grading import BAND_LABELS
from portal.components.sections import facts, page, section
from portal.components.tags import html

dash.register_page(__name__, path="/grades", title=lambda **_path: _("How grades work"))


def _n(value: float) -> str:
    """A rule's number as a person writes it: 180, 0.3, 1.5 (never 180.0)."""
    return f"{round(value, 2):g}"


def layout(**_query: str) -> html.Article:
    rule = profile.rule()
    bands = [(f"A {_(BAND_LABELS['A'])}", _("score {score} or more").format(score=_n(100 * rule.band_a))),
             (f"B {_(BAND_LABELS['B'])}", _("score {score} or more").format(score=_n(100 * rule.band_b))),
             (f"C {_(BAND_LABELS['C'])}", _("score {score} or more").format(score=_n(100 * rule.band_c))),
             (f"D {_(BAND_LABELS['D'])}", _("below {score}").format(score=_n(100 * rule.band_c)))]
    return page(
        _("How grades work"),
        section(_("Consumer grade"), html.P(_(
            "Every review is scored by our own model for how satisfied its writer was (0 to 100). "
            "The grade is the weighted average of those scores, mixed with a starting value so "
            "that a few reviews cannot make or break a business.")), facts(bands), html.Ul([
                html.Li(_("Starting value: {prior}, worth {weight} reviews.").format(
                    prior=_n(100 * rule.prior), weight=_n(rule.prior_weight))),
                html.Li(_("Recent reviews weigh more: a review {days} days old counts half as "
                          "much as today's; reviews older than {window} days do not count.")
                        .format(days=_n(rule.half_life_days), window=_n(rule.window_days))),
                html.Li(_("The same text posted again counts {w} of a review.").format(
                    w=_n(rule.duplicate_weight))),
                html.Li(ngettext("More than {n} review from one client for one business on one "
                                 "day: the extra ones count {w}.",
                                 "More than {n} reviews from one client for one business on one "
                                 "day: the extra ones count {w}.", rule.client_per_day).format(
                                     n=rule.client_per_day, w=_n(rule.client_burst_weight))),
                html.Li(_("{n} or more reviews of one business within {minutes} minutes: each "
                          "counts {w}.").format(n=rule.burst_count, minutes=_n(rule.burst_minutes),
                                                w=_n(rule.burst_weight))),
            ]), name="rule"),
        _model_section(),
        section(_("Staff stars"), html.P(_(
            "Each staff member gets 1 to 5 stars: 1 + 4 × the average satisfaction of the "
            "reviews naming them (starting from {prior} worth {weight} reviews), minus {nc} star(s) "
            "after a non-compliant inspection, {bc} after a basically compliant one, and {exp} for an "
            "expired health certificate.").format(
                prior=_n(100 * staff_stars.MENTION_PRIOR), weight=_n(staff_stars.MENTION_PRIOR_WEIGHT),
                nc=_n(-staff_stars.INSPECTION_STARS["non_compliant"]),
                bc=_n(-staff_stars.INSPECTION_STARS["basically_compliant"]),
                exp=_n(-staff_stars.EXPIRED_CERTIFICATE_STARS))), name="staff"),
        section(_("Writing a review"), html.P(_(
            "Anyone may write one review per business per day; writing many reviews in a short "
            "time is refused for a while. Businesses reply once, publicly; officers answer "
            "publicly and may turn a review that alleges a violation into a complaint.")),
            name="reviews"),
        lead=_("The numbers below are the ones in force; an administrator may change them."))


def _model_section() -> html.Section:
    """The model behind the scores, and how well it did on reviews it was not trained on."""
    model = card()
    held_out = model["held_out"]

    def right(check: str) -> str:
        n = held_out[check]["n"]
        return _("{right} of {n} scored right").format(right=round(held_out[check]["accuracy"] * n), n=n)

    return section(_("The scoring model"), html.P(_(
        "Scores come from our model {name}, version {version}, which averages two networks: a small "
        "one over the review's characters, trained by us on review and word lists that ship inside "
        "open-source packages and on food reviews our code writes, and Baidu's open Senta network, "
        "which reads the review in order; Baidu trained it on data it has not published."
    ).format(name=model["name"], version=model["version"])),
        html.P(_("A review written in traditional characters is scored as its simplified form "
                 "(OpenCC's character table), so 服務 counts as 服务, and one in written Cantonese "
                 "as Mandarin: 唔好食 counts as 不好吃.")),
        facts([(_("Reviews that talk about food, never trained on"), right("food_lines_of_corpus")),
               (_("Other reviews from the same lists, never trained on"), right("in_domain_corpus"))]),
        html.P(_("Those reviews are mostly about hotels. No independent set of restaurant or "
                 "takeaway reviews with known answers was available to check it on, so read a "
                 "score as an estimate; the grade counts many reviews, not one.")),
        html.Ul([html.Li(html.Code(source)) for source in model["trained_on"]]), name="model")
