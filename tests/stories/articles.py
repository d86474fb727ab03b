# ruff: noqa: E501  (Arabic test sentences are kept whole)
"""Short articles written for the story tests: several outlets reporting the same statements
(modelled on how agencies and papers carry one quotation), never text from a real article."""

from __future__ import annotations

from pathlib import Path

TASS_ZAS = """موسكو، 10 يناير 2022 (تاس) - قال الأمين العام لمنظمة معاهدة الأمن الجماعي ستانيسلاف زاس إن "قوات حفظ السلام التابعة للمنظمة ستبقى في كازاخستان حتى استقرار الوضع بالكامل وعودة الحياة الطبيعية إلى المدن".
وأضاف زاس أن "المهمة محدودة زمنياً ولن تتدخل القوات في الشؤون الداخلية للبلاد".
المصدر: تاس
"""

SPUTNIK_ZAS = """سبوتنيك - 10 يناير 2022
أعلن ستانيسلاف زاس، الأمين العام لمنظمة معاهدة الأمن الجماعي، اليوم الاثنين، أن «قوات حفظ السلام التابعة للمنظمة ستبقى في كازاخستان حتى استقرار الوضع بالكامل».
وتابع أن القوات وصلت إلى المطارات الرئيسية في البلاد.
"""

RT_ZAS = """آر تي - 10 يناير 2022
صرح الأمين العام لمنظمة معاهدة الأمن الجماعي ستانيسلاف زاس بأن "قوات حفظ السلام التابعة للمنظمة ستبقى في كازاخستان حتى استقرار الوضع بالكامل وعودة الحياة الطبيعية إلى المدن".
وأشار إلى أن "المهمة محدودة زمنياً ولن تتدخل القوات في الشؤون الداخلية للبلاد".
"""

# The same words, given by another outlet to the Russian foreign minister.
SANA_LAVROV = """دمشق، 10 يناير 2022 (سانا) - قال وزير الخارجية الروسي سيرغي لافروف إن "قوات حفظ السلام التابعة للمنظمة ستبقى في كازاخستان حتى استقرار الوضع بالكامل وعودة الحياة الطبيعية إلى المدن".
المصدر: سانا
"""

# The same speaker on two days, saying similar things in other words.
TASS_ZAS_LATER = """موسكو، 12 يناير 2022 (تاس) - قال الأمين العام لمنظمة معاهدة الأمن الجماعي ستانيسلاف زاس إن "انسحاب قوات حفظ السلام من كازاخستان سيبدأ بعد أن يستقر الوضع في المدن تماماً".
المصدر: تاس
"""

# A republished page: the TASS article with a new first line and a changed footer.
REPOST_TASS = """نقلاً عن وكالة تاس
موسكو، 10 يناير 2022 (تاس) - قال الأمين العام لمنظمة معاهدة الأمن الجماعي ستانيسلاف زاس إن "قوات حفظ السلام التابعة للمنظمة ستبقى في كازاخستان حتى استقرار الوضع بالكامل وعودة الحياة الطبيعية إلى المدن".
وأضاف زاس أن "المهمة محدودة زمنياً ولن تتدخل القوات في الشؤون الداخلية للبلاد".
جميع الحقوق محفوظة للموقع الناقل
"""


def write(folder: Path, **articles: str) -> list[Path]:
    """Each article as ``<name>.txt`` in ``folder``; the paths, in the order given."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in articles.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
