"""Communes as files name them, on the day a row is about."""


import pandas as pd

from grassroots import legacy
from grassroots.contract import plain_name
from grassroots.i18n import N_
from grassroots.ingest.problems import _closest, _Sheetcheck


class _Communes:
    """Communes as files name them on the day a row is about (a code names a territory for a
    time: 13531 is Bồ Đề in 05/2025 and Bình Giang in 08/2025): by code, by name (ignoring case,
    accents, spacing and the kind prefix, or typed in a legacy font), or both when they agree.
    `units` is every unit through time (the unit_history query); a row without a day is about
    the latest unit of its code."""

    def __init__(self, units: pd.DataFrame):
        self.units = units.assign(plain=units["name"].map(plain_name),
                                  valid_from=pd.to_datetime(units["valid_from"]),
                                  valid_to=pd.to_datetime(units["valid_to"]))
        self.units["latest"] = ~self.units["code"].duplicated(keep="last")
        self.names = dict(zip(self.units.loc[self.units["latest"], "code"],
                              self.units.loc[self.units["latest"], "name"]))

    def _on(self, asked: pd.DataFrame, key: str) -> pd.DataFrame:
        """For each row of `asked` (its `key` column and `day`; indexed by row), the units
        matching it by `key` and their standing that day: `found` (in force; the latest when the
        row has no day), else the unit that had ended by then (`ended`) or not yet begun.
        Worked out once per distinct key and day (a file of a million rows names a few thousand
        communes and days), then given to each row."""
        pairs = asked.drop_duplicates().merge(self.units, on=key)
        day = pairs["day"]
        pairs["found"] = day.isna() & pairs["latest"] | (
            (pairs["valid_from"] <= day) & (pairs["valid_to"] >= day))
        pairs["ended"] = pairs["valid_to"] < day
        return pairs

    def _given(self, asked: pd.DataFrame, pairs: pd.DataFrame, key: str,
               column: str) -> pd.Series:
        """`column` of each row's unit found that day (one per key and day), by row."""
        found = pairs.loc[pairs["found"], [key, "day", column]].drop_duplicates([key, "day"])
        given = asked.reset_index(names="row").merge(found, on=[key, "day"], how="left")
        return given.set_index("row")[column]

    @staticmethod
    def _gone(unit) -> dict:
        return {"commune": f"{unit['kind']} {unit['name']} ({unit['code']})",
                "until": f"{unit['valid_to']:%d/%m/%Y}", "became": unit["became"] or "—",
                "since": f"{unit['valid_from']:%d/%m/%Y}"}

    def resolve(self, codes: pd.Series | None, names: pd.Series | None, rows: pd.Index,
                days: pd.Series, check: _Sheetcheck) -> pd.Series:
        result = pd.Series(None, index=rows, dtype=object)
        official = pd.Series(None, index=rows, dtype=object)  # each coded row's name that day
        if codes is not None:
            digits = codes.str.fullmatch(r"\d{1,5}")
            code = codes.where(~digits, codes.str.zfill(5))
            bad = (codes != "") & ~digits
            check.add(N_("'{value}' is not a commune code: codes have 5 digits."),
                      bad[bad].index, "unit_code",
                      values=lambda r: {"value": codes[r]})
            unknown = digits & ~code.isin(self.names.keys())
            check.add(N_("no commune has the code {value}."), unknown[unknown].index, "unit_code",
                      values=lambda r: {"value": codes[r]})
            known = digits & ~unknown
            asked = pd.DataFrame({"code": code[known], "day": days[known]})
            pairs = self._on(asked, "code")
            official[asked.index] = self._given(asked, pairs, "code", "name")
            missing = asked[official[asked.index].isna()]
            self._not_in_force(check, missing.reset_index(names="row").merge(
                pairs, on=["code", "day"]), "unit_code")
            result = code.where(official.notna())
        if names is not None:
            coded = result.notna() & (names != "")
            agree = {pair: self._agrees(*pair) for pair in set(zip(names[coded],
                                                                   official[coded]))}
            disagree = pd.Series(False, index=rows)
            if agree:
                disagree[coded] = [not agree[pair] for pair in zip(names[coded],
                                                                    official[coded])]
            check.add(N_("code {code} is {official}, not '{name}'."),
                      disagree[disagree].index, "unit_name",
                      values=lambda r: {"code": result[r], "name": names[r],
                                        "official": official[r]})
            result = result.where(~disagree)
            by_name_only = (names != "") & ~coded
            if codes is not None:
                by_name_only &= codes == ""  # a bad or unknown code is reported already
            result = result.fillna(self._named(names[by_name_only], days[by_name_only], check))
        given = pd.Series(False, index=rows)
        for cells in (codes, names):
            if cells is not None:
                given |= cells != ""
        check.add(N_("neither a commune code nor a name."),
                  given[~given].index, "unit_code" if codes is not None
                  else "unit_name")
        return result

    def _not_in_force(self, check: _Sheetcheck, matched: pd.DataFrame, column: str) -> None:
        """Rows naming a commune on a day it was not in force: what it had become, or since
        when it is."""
        ended = matched[matched["ended"]].drop_duplicates("row", keep="last").set_index("row")
        check.add(N_("{commune} existed until {until}; since then it is {became}."),
                  ended.index, column,
                  values=lambda r: self._gone(ended.loc[r]))
        early = matched[~matched["row"].isin(ended.index)].drop_duplicates("row")
        early = early.set_index("row")
        check.add(N_("{commune} exists only since {since}."), early.index, column,
                  values=lambda r: self._gone(early.loc[r]))

    def _named(self, names: pd.Series, days: pd.Series, check: _Sheetcheck) -> pd.Series:
        """The codes of rows naming their commune by name alone, on their day; every name that
        matches none, several, or one no longer in force is reported."""
        plain = names.map(plain_name)
        converted = {value: legacy.convert(value) for value in
                     names[~plain.isin(self.units["plain"])].unique()}
        typed = {value: found for value, found in converted.items() if found}
        plain = plain.where(~names.isin(typed), names.map(
            lambda v: plain_name(typed[v][1]) if v in typed else None))
        asked = pd.DataFrame({"plain": plain, "day": days})
        pairs = self._on(asked, "plain")
        pairs["count"] = pairs["found"].groupby([pairs["plain"], pairs["day"]],
                                                dropna=False).transform("sum")
        codes = self._given(asked, pairs[pairs["count"].eq(1)], "plain", "code")
        troubled = asked[codes.reindex(asked.index).isna()]  # none, several or gone that day
        rows = troubled.reset_index(names="row").merge(pairs, on=["plain", "day"])
        several = rows[rows["found"] & (rows["count"] > 1)].groupby("row").apply(
            lambda g: ", ".join(f"{c} {n}" for c, n in zip(g["code"], g["name"])),
            include_groups=False)
        check.add(N_("'{value}' fits several communes ({codes}); give the code."),
                  several.index, "unit_name",
                  values=lambda r: {"value": names[r], "codes": several[r]})
        missing = rows[~rows["row"].isin(rows.loc[rows["found"], "row"])]
        ended = missing[missing["ended"]].drop_duplicates("row", keep="last").set_index("row")
        check.add(N_("{commune} existed until {until}; since then it is {became}."),
                  ended.index, "unit_name",
                  values=lambda r: self._gone(ended.loc[r]))
        unmatched = troubled.index.difference(rows.loc[rows["found"], "row"]).difference(
            ended.index)
        in_legacy = names[unmatched].isin(typed)
        check.add(N_("'{value}' was typed in the {font} font (read as '{name}') and fits no "
                     "commune; convert the file to Unicode and check the name."),
                  unmatched[in_legacy.to_numpy()], "unit_name",
                  values=lambda r: {"value": names[r], "font": legacy.FONTS[typed[names[r]][0]],
                                    "name": typed[names[r]][1]})
        check.add(N_("no commune is named '{value}'."),
                  unmatched[~in_legacy.to_numpy()], "unit_name",
                  values=lambda r: {"value": names[r], "maybe": _closest(
                      plain_name(names[r]), self.units["name"].unique())})
        legacy_found = codes.notna() & names.isin(typed)
        check.add(N_("'{value}' was typed in the {font} font; read as '{name}'."),
                  legacy_found[legacy_found].index, "unit_name", True,
                  values=lambda r: {"value": names[r], "font": legacy.FONTS[typed[names[r]][0]],
                                    "name": typed[names[r]][1]})
        return codes

    @staticmethod
    def _agrees(name: str, official: str) -> bool:
        """Whether `name` (perhaps typed in a legacy font) is the `official` name."""
        if plain_name(name) == plain_name(official):
            return True
        converted = legacy.convert(name)
        return bool(converted) and plain_name(converted[1]) == plain_name(official)
