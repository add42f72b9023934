"""Input (`<Noun><Verb>InputSerializer`) and output (`<Model>Serializer`) shapes of the project teams API.

Input serializers check types only; the rules (lengths after trimming, 1-60 hours, 1-50 seats, levels
1-5, known skills, dates in order, who may do what) are the services', which name the field they
refuse (`roles[0].hours_per_week`). The views flatten a nested type error to the same dotted path.

A proposal's explanation is the optimizer's JSON (`Proposal.result`, see teams.services.proposals)
with people and roles named: the views add display names in one query, so these serializers read
plain dicts.
"""

from threads.api.serializers import ErrorSerializer

from .inputs import (
    MemberInviteInputSerializer,
    MembershipListInputSerializer,
    ProjectCreateInputSerializer,
    ProjectListInputSerializer,
    ProjectUpdateInputSerializer,
    ProposalCreateInputSerializer,
    ProposalSwapInputSerializer,
    RoleCreateInputSerializer,
    RoleSkillInputSerializer,
    RoleUpdateInputSerializer,
    RoundStartInputSerializer,
    VolunteerSetInputSerializer,
)
from .projects import (
    FitSkillSerializer,
    MembershipSerializer,
    ProjectDetailSerializer,
    ProjectRefSerializer,
    ProjectRoleDetailSerializer,
    ProjectRoleSerializer,
    ProjectSerializer,
    RequiredSkillSerializer,
    RoleFitSerializer,
    RoleRefSerializer,
    SeatHolderSerializer,
    VolunteerSerializer,
)
from .proposals import (
    AlternativeSerializer,
    BlockingPairSerializer,
    FormationRoundDetailSerializer,
    FormationRoundSerializer,
    LinkSerializer,
    PersonNameSerializer,
    ProposalSerializer,
    ProposedMemberSerializer,
    ProposedRoleSerializer,
    ProposedSeatSerializer,
    RoundConfirmSerializer,
    RoundProjectOutcomeSerializer,
    RoundProposalSerializer,
    SeatProblemSerializer,
    SkillMatchSerializer,
    UncoveredSkillSerializer,
)

__all__ = [
    "AlternativeSerializer",
    "BlockingPairSerializer",
    "ErrorSerializer",  # shared with the other APIs: one `Error` component
    "FitSkillSerializer",
    "FormationRoundDetailSerializer",
    "FormationRoundSerializer",
    "LinkSerializer",
    "MemberInviteInputSerializer",
    "MembershipListInputSerializer",
    "MembershipSerializer",
    "PersonNameSerializer",
    "ProjectCreateInputSerializer",
    "ProjectDetailSerializer",
    "ProjectListInputSerializer",
    "ProjectRefSerializer",
    "ProjectRoleDetailSerializer",
    "ProjectRoleSerializer",
    "ProjectSerializer",
    "ProjectUpdateInputSerializer",
    "ProposalCreateInputSerializer",
    "ProposalSerializer",
    "ProposalSwapInputSerializer",
    "ProposedMemberSerializer",
    "ProposedRoleSerializer",
    "ProposedSeatSerializer",
    "RequiredSkillSerializer",
    "RoleCreateInputSerializer",
    "RoleFitSerializer",
    "RoleRefSerializer",
    "RoleSkillInputSerializer",
    "RoleUpdateInputSerializer",
    "RoundConfirmSerializer",
    "RoundProjectOutcomeSerializer",
    "RoundProposalSerializer",
    "RoundStartInputSerializer",
    "SeatHolderSerializer",
    "SeatProblemSerializer",
    "SkillMatchSerializer",
    "UncoveredSkillSerializer",
    "VolunteerSerializer",
    "VolunteerSetInputSerializer",
]
