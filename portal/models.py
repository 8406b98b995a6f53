"""Every model, imported in one place so Alembic sees the whole schema."""

from portal.accounts.models import AuditEntry, User
from portal.api.removals import Removal as ApiRemoval
from portal.bulletins.models import Bulletin, ImportedItem, NewsSource
from portal.db import Base
from portal.jobs.models import WorkerHeartbeat
from portal.lessons.models import Choice, Course, Learner, Lesson, Question, Step, TeamSession, TeamSessionLesson
from portal.library.models import Category, Item, ItemFile, PageAudio, Revision
from portal.media_render.models import MediaRender, VoiceOutage
from portal.petitions.models import Notification, Petition, PetitionEvent, PetitionPhoto, PetitionRecording
from portal.residents.models import ResidentSession
from portal.search.models import SearchEntry, SearchTerm, SearchWrite
from portal.units.models import Unit

metadata = Base.metadata

__all__ = ["ApiRemoval", "AuditEntry", "Base", "Bulletin", "Choice", "Course", "ImportedItem", "Learner", "Lesson",
           "Question",
           "Step", "TeamSession", "TeamSessionLesson", "NewsSource", "Notification", "Petition",
           "PetitionEvent", "PetitionPhoto", "PetitionRecording", "ResidentSession", "Unit", "User", "WorkerHeartbeat",
           "metadata", "MediaRender", "VoiceOutage",
           "Category", "Item", "ItemFile", "PageAudio", "Revision", "SearchEntry", "SearchTerm", "SearchWrite"]
