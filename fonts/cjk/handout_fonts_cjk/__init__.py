"""Font pack for handout: Noto Sans CJK TC, JP and KR, Regular and Bold, as TrueType. handout
reads the font files from this package's folder (handout/fonts.py, PACKS); no code here."""
