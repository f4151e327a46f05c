"""Re-apply the CAMEO -> PLOVER mapping to records not coded by hand (after the mapping file changed).

``save()`` codes a record whenever it is written; this is for the records nobody writes: after a
curator edits events/plover/cameo_to_plover.tsv, ``manage.py recode_plover`` brings every record that
follows the mapping up to date. One UPDATE per distinct CAMEO code (a few dozen), not one per row, and
only rows whose coding changes are written; their ``updated_at`` moves, so mirrors syncing with
``updated_after`` pick the change up. Records coded by hand are never touched.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events.models import Event, Reaction
from events.plover import plover_for_cameo


@transaction.atomic
def recode_plover(*, dry_run: bool = False) -> dict[str, int]:
    """Bring the PLOVER coding of every event and reaction not coded by hand in line with the mapping.

    Returns how many records of each model changed (or would change, with ``dry_run``).
    """
    now = timezone.now()
    changed = {}
    for model in (Event, Reaction):
        following = model.objects.filter(plover_hand_coded=False)
        count = 0
        for code in list(following.order_by().values_list("cameo_code", flat=True).distinct()):
            coding = plover_for_cameo(code)
            current = (Q(plover_type=coding.type) & Q(plover_mode=coding.mode)
                       & Q(plover_contexts=list(coding.contexts)))
            stale = following.filter(cameo_code=code).exclude(current)
            if dry_run:
                count += stale.count()
            else:
                count += stale.update(plover_type=coding.type, plover_mode=coding.mode,
                                      plover_contexts=list(coding.contexts), updated_at=now)
        changed[model._meta.label_lower] = count
    return changed
