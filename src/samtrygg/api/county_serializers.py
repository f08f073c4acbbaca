"""The county level and its surveys through the API: what goes in (a share's kind, a municipality's answers) and,
for the schema, what comes out (the views build plain dicts from the county's Publication, hot spots and the
survey results; these serializers only describe them)."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from samtrygg.county.models import AggregateShare, Region, ShareKind
from samtrygg.surveys.models import Question, Survey

from .filters import as_id

HIDDEN = "hidden: below k or would reveal one"


def hidden_count(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(allow_null=True, help_text=f"null = {HIDDEN}.", **kwargs)


# --- regions and sharing ----------------------------------------------------------------------------------------

class RegionMemberSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The membership (region-members/{id}/shares/).")
    municipality = serializers.IntegerField(source="municipality_id")
    name = serializers.CharField(source="municipality.name")
    kommunkod = serializers.CharField(source="municipality.kommunkod")
    shares = serializers.SerializerMethodField(help_text="The kinds it shares with the region now.")

    def get_shares(self, member) -> list[str]:
        return sorted(share.kind for share in member.shares.all() if share.revoked_at is None)


class RegionSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    members = RegionMemberSerializer(many=True, read_only=True)

    class Meta:
        model = Region
        fields = ["id", "organisation", "organisation_name", "county_code", "min_count", "members"]
        read_only_fields = fields


class ShareSerializer(serializers.ModelSerializer):
    region = serializers.IntegerField(source="member.region_id", read_only=True)
    municipality = serializers.IntegerField(source="member.municipality_id", read_only=True)
    created_by = serializers.CharField(source="created_by.username", read_only=True, default=None)
    revoked_by = serializers.CharField(source="revoked_by.username", read_only=True, default=None)

    class Meta:
        model = AggregateShare
        fields = ["id", "member", "region", "municipality", "kind", "created_at", "created_by", "revoked_at",
                  "revoked_by"]
        read_only_fields = fields


class ShareCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ShareKind.choices)


# --- the county's counts and hot spots (for the schema) ---------------------------------------------------------

class MemberAreaCountSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The top-level area; \"\" = outside every area.")
    count = hidden_count()


class MemberCountsSerializer(serializers.Serializer):
    name = serializers.CharField()
    kommunkod = serializers.CharField()
    total = hidden_count()
    population = serializers.IntegerField(allow_null=True)
    rate = serializers.FloatField(allow_null=True, help_text="Per 1,000 residents; null when the total is hidden "
                                                             "or the population unknown.")
    categories = serializers.ListField(child=serializers.IntegerField(allow_null=True),
                                       help_text=f"Aligned with `categories`; null = {HIDDEN}.")
    areas = MemberAreaCountSerializer(many=True)
    trend = serializers.ListField(child=serializers.IntegerField(allow_null=True),
                                  help_text=f"The total per year of `years`; null = {HIDDEN}.")


class CountsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    k = serializers.IntegerField(help_text="The smallest count shown (the region's min_count).")
    county_total = hidden_count()
    categories = serializers.ListField(child=serializers.CharField(), help_text="Main categories, by name.")
    members = MemberCountsSerializer(many=True, help_text="The members sharing their counts.")
    years = serializers.ListField(child=serializers.IntegerField())
    county_trend = serializers.ListField(child=serializers.IntegerField(allow_null=True),
                                         help_text=f"Per year of `years`; null = {HIDDEN}.")
    hidden = serializers.IntegerField(help_text="How many numbers of the year's table are hidden.")
    not_sharing = serializers.IntegerField(help_text="Members that do not share their counts.")


class ClusterSerializer(serializers.Serializer):
    level = serializers.IntegerField(help_text="99, 95 or 90: the strongest cell's confidence (%).")
    cells = serializers.ListField(child=serializers.CharField(), help_text="H3 cells (hex strings).")
    counts = serializers.ListField(child=serializers.IntegerField(allow_null=True),
                                   help_text=f"Incidents per cell, aligned with `cells`; null = {HIDDEN}.")
    places = serializers.ListField(child=serializers.CharField(), help_text="The members whose ground it covers.")
    crosses_border = serializers.BooleanField()


class HotspotsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    k = serializers.IntegerField()
    resolution = serializers.IntegerField(help_text="H3 resolution; 0 when no member shares its cell counts.")
    clusters = ClusterSerializer(many=True, help_text="Strongest and largest first.")
    members = serializers.ListField(child=serializers.CharField(), help_text="The members sharing cell counts.")


# --- surveys ----------------------------------------------------------------------------------------------------

class QuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = ["id", "order", "section", "text", "kind", "choices"]
        read_only_fields = fields


class SurveySerializer(serializers.ModelSerializer):
    region_name = serializers.CharField(source="region.organisation.name", read_only=True)

    class Meta:
        model = Survey
        fields = ["id", "region", "region_name", "title", "introduction", "status", "opens", "closes", "opened_at",
                  "closed_at"]
        read_only_fields = fields


class SurveyDetailSerializer(SurveySerializer):
    questions = QuestionSerializer(many=True, read_only=True)
    results_visible = serializers.BooleanField(read_only=True)
    answering = serializers.ListField(child=serializers.IntegerField(), read_only=True,
                                      help_text="The member municipalities you answer for (while it is open).")

    class Meta(SurveySerializer.Meta):
        fields = [*SurveySerializer.Meta.fields, "questions", "results_visible", "answering"]
        read_only_fields = fields


class AnswersSerializer(serializers.Serializer):
    """A member municipality's answers: {question id: value}; an empty value or null removes an answer."""

    municipality = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    values = serializers.DictField(child=serializers.JSONField(allow_null=True), help_text=(
        "{\"<question id>\": value}: yes/no/dont_know, one of the options, a number, or text."))
    submit = serializers.BooleanField(default=False, help_text="Submit (final) instead of saving a draft.")

    def validate_values(self, raw: dict) -> dict[int, str | None]:
        questions = {q.pk for q in self.context["questions"]}
        values = {}
        for key, value in raw.items():
            pk = as_id(key)
            if pk is None or pk not in questions:
                raise serializers.ValidationError(_("Key the answers by the ids of the survey's questions."))
            if isinstance(value, bool) or not isinstance(value, str | int | float | None):
                raise serializers.ValidationError(_("Give each answer as a text or a number."))
            values[pk] = value
        return values


class ResponseSerializer(serializers.Serializer):
    survey = serializers.IntegerField(source="survey_id")
    municipality = serializers.IntegerField(source="municipality_id")
    submitted_at = serializers.DateTimeField(allow_null=True)
    answers = serializers.DictField(help_text="{\"<question id>\": value} as saved.")


class CountResultSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="yes, no, dont_know, or the option.")
    count = serializers.IntegerField()
    percent = serializers.IntegerField(help_text="Of those who answered the question, a whole percent.")


class NumbersSerializer(serializers.Serializer):
    n = serializers.IntegerField()
    mean = serializers.FloatField()
    median = serializers.FloatField()
    min = serializers.FloatField()
    max = serializers.FloatField()


class TextAnswerSerializer(serializers.Serializer):
    municipality = serializers.CharField()
    text = serializers.CharField()


class QuestionResultSerializer(serializers.Serializer):
    question = serializers.IntegerField()
    section = serializers.CharField()
    text = serializers.CharField()
    kind = serializers.CharField()
    answered = serializers.IntegerField()
    counts = CountResultSerializer(many=True, help_text="yes_no and choice questions.")
    numbers = NumbersSerializer(allow_null=True, help_text="number questions (null without answers).")
    texts = TextAnswerSerializer(many=True, help_text="text questions, by municipality.")


class SurveyResultsSerializer(serializers.Serializer):
    survey = serializers.IntegerField()
    answered = serializers.IntegerField(help_text="Submitted responses.")
    members = serializers.IntegerField()
    questions = QuestionResultSerializer(many=True)
