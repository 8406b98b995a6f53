"""Every model, imported in one place so Alembic sees the whole schema."""

from portal.accounts.models import AuditEntry, User
from portal.bulletins.models import Bulletin, ImportedItem, NewsSource
from portal.db import Base
from portal.jobs.models import WorkerHeartbeat
from portal.library.models import Category, Item, ItemFile, PageAudio, Revision
from portal.petitions.models import Notification, Petition, PetitionEvent, PetitionPhoto
from portal.units.models import Unit

metadata = Base.metadata

__all__ = ["AuditEntry", "Base", "Bulletin", "ImportedItem", "NewsSource", "Unit", "User", "WorkerHeartbeat",
           "metadata", "Category", "Item", "ItemFile", "PageAudio", "Revision", "Notification", "Petition",
           "PetitionEvent", "PetitionPhoto"]
