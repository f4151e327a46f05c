"""Code every existing event and reaction in PLOVER from its CAMEO code (events/plover/)."""

from django.db import migrations
from django.utils import timezone


def code_existing(apps, schema_editor):
    from events.plover.mapping import plover_for_cameo

    now = timezone.now()
    for name in ("Event", "Reaction"):
        model = apps.get_model("events", name)
        # One UPDATE per distinct CAMEO code (a few dozen), not one per row: fast at a million rows.
        codes = model.objects.order_by().values_list("cameo_code", flat=True).distinct()
        for code in list(codes):
            coding = plover_for_cameo(code)
            if not coding:
                continue  # the new columns' defaults already say "no PLOVER coding"
            # updated_at moves: the record's API representation changed, and mirrors sync on it.
            model.objects.filter(cameo_code=code, plover_hand_coded=False).update(
                plover_type=coding.type, plover_mode=coding.mode, plover_contexts=list(coding.contexts),
                updated_at=now)


class Migration(migrations.Migration):
    dependencies = [("events", "0008_plover_coding")]

    operations = [migrations.RunPython(code_existing, migrations.RunPython.noop, elidable=True)]
