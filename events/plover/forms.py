"""Admin form parts for PLOVER coding: contexts as checkboxes, modes narrowed to the chosen type, and
"a curator changed the coding" recorded as coded by hand."""

import json

from django import forms

from events.plover.coding import PLOVER_FIELDS
from events.plover.mapping import plover_for_cameo
from events.plover.ontology import MODES, PloverContext


class PloverModeSelect(forms.Select):
    """The mode select, carrying each type's modes for the script that narrows the list."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({**(attrs or {}), "data-plover-modes": json.dumps(MODES)}, choices)

    class Media:
        js = ["events/plover_mode.js"]


class PloverCodingForm(forms.ModelForm):
    """ModelForm base for a PloverCoded model (Event, Reaction).

    Changing the type, mode or contexts marks the record as coded by hand, so the CAMEO mapping leaves
    it alone from then on; clearing "coded by hand" (in the same save, too) returns it to the mapping.
    Whether the pair is valid is decided by the model (clean(), and a database constraint).
    """

    plover_contexts = forms.TypedMultipleChoiceField(
        label="PLOVER contexts", choices=PloverContext.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="What it is about, in PLOVER's terms: zero or more.")

    class Meta:
        widgets = {"plover_mode": PloverModeSelect}

    def clean(self):
        cleaned = super().clean()
        changed = set(self.changed_data)
        if changed & set(PLOVER_FIELDS) and "plover_hand_coded" not in changed:
            cleaned["plover_hand_coded"] = True
        return cleaned


def mapping_text(obj) -> str:
    """What the CAMEO mapping gives for a record, for the admin to show beside the coding."""
    coding = plover_for_cameo(getattr(obj, "cameo_code", "") if obj is not None else "")
    if not coding:
        return "no PLOVER equivalent" if obj is not None and obj.cameo_code else "no CAMEO code"
    parts = [coding.type, coding.mode or "(no mode)", ", ".join(coding.contexts) or "(no context)"]
    return f"CAMEO {obj.cameo_code} → " + " / ".join(parts)
