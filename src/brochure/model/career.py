"""The career record: one typed schema, declared once, for `data/careers/<id>.yaml`."""

from __future__ import annotations

import itertools

from pydantic import BaseModel, Field, model_validator

from brochure.model.fields import STRICT, Count, Dollars, Id, Line, Name, Percent, Soc, Url, Year


class Skill(BaseModel):
    model_config = STRICT
    name: Name
    """The skill, in two or three words."""
    why: Line
    """Why the job needs it, in one short sentence."""


class Role(BaseModel):
    model_config = STRICT
    duties: list[Line] = Field(min_length=3, max_length=10)
    """What they do day to day, one duty per line."""
    workplaces: list[Name] = Field(min_length=1, max_length=10)
    """Where they work: kinds of employer or setting."""
    schedule: Line
    """Typical hours and shifts."""
    skills: list[Skill] = Field(min_length=2, max_length=8)
    """The key skills, each with why it matters."""
    tools: list[Name] = Field(default_factory=list, max_length=10)
    """Software, equipment and systems they use."""


class EntryPath(BaseModel):
    model_config = STRICT
    name: Name
    """The route in, such as 'Associate degree in health information technology'."""
    length: Name
    """How long it usually takes, such as '2 years full time'."""
    credential: Name
    """What it leads to, such as 'Associate degree; eligible for the RHIT exam'."""


class Certification(BaseModel):
    model_config = STRICT
    name: Name
    """The certification's full name."""
    abbreviation: Name | None = None
    """Its short form, such as RHIT."""
    issuer: Name
    """The body that awards it."""
    note: Line | None = None
    """Who it suits or what it requires."""
    what: Name | None = None
    """What the credential is, in the brochure's language, when its name (kept as issued)
    is in another: only a translation sets it."""


class Education(BaseModel):
    model_config = STRICT
    typical_entry: Line
    """How most people enter, in plain words."""
    time_to_enter: Name
    """How long it takes to be ready for a first job."""
    paths: list[EntryPath] = Field(min_length=1, max_length=5)
    """The usual routes in, each with its length and credential."""
    courses: list[Name] = Field(default_factory=list, max_length=10)
    """Courses a programme typically includes."""
    certifications: list[Certification] = Field(default_factory=list, max_length=6)
    """Professional certifications and who issues them."""
    accreditation: Line | None = None
    """Which body accredits programmes, and why that matters."""


class Specialisation(BaseModel):
    model_config = STRICT
    name: Name
    """The specialism."""
    what: Line
    """What it involves."""


class Link(BaseModel):
    model_config = STRICT
    label: Name
    """The text printed for the link."""
    url: Url
    """The https:// address."""


class Source(BaseModel):
    model_config = STRICT
    name: Line
    """Who published it and what it is."""
    year: Year
    """The year of the edition or data used."""
    url: Url | None = None
    """Where to find it."""
    note: Line | None = None
    """A licence or attribution line to print with it (O*NET asks for one)."""


class PayOverride(BaseModel):
    """Annual pay from a source other than BLS OEWS."""

    model_config = STRICT
    source: Line
    """Who published these figures."""
    year: Year
    """The year the figures describe."""
    median: Dollars
    """Median annual pay in US dollars."""
    pct10: Dollars | None = None
    """10th percentile of annual pay."""
    pct25: Dollars | None = None
    """25th percentile of annual pay."""
    pct75: Dollars | None = None
    """75th percentile of annual pay."""
    pct90: Dollars | None = None
    """90th percentile of annual pay."""

    @model_validator(mode="after")
    def _rising(self) -> PayOverride:
        given = [(name, getattr(self, name)) for name in ("pct10", "pct25", "median", "pct75",
                                                           "pct90")
                 if getattr(self, name) is not None]
        for (low, a), (high, b) in itertools.pairwise(given):
            if a > b:
                raise ValueError(f"{low} ({a:,}) is more than {high} ({b:,}); the "
                                 "percentiles must rise from pct10 to pct90")
        return self


class StateOverride(BaseModel):
    model_config = STRICT
    name: Name
    """The state's name."""
    employment: Count
    """How many people hold this job there."""
    median: Dollars | None = None
    """Median annual pay there in US dollars."""


class TopStatesOverride(BaseModel):
    """The states with the most jobs, from a source other than BLS OEWS."""

    model_config = STRICT
    source: Line
    """Who published these figures."""
    year: Year
    """The year the figures describe."""
    states: list[StateOverride] = Field(min_length=1, max_length=5)
    """Up to five states, most jobs first."""


class OutlookOverride(BaseModel):
    """Projected employment from a source other than BLS Employment Projections."""

    model_config = STRICT
    source: Line
    """Who published the projection."""
    year: Year
    """The year the projection was published."""
    period: Name
    """The years it covers, such as 2024–34."""
    change_percent: Percent
    """Projected change in employment over the period, in percent."""
    openings_per_year: Count | None = None
    """Projected job openings a year."""


class EntryEducationOverride(BaseModel):
    model_config = STRICT
    source: Line
    """Who published it."""
    year: Year
    """The year it describes."""
    value: Name
    """The typical education needed to enter."""


class FigureOverrides(BaseModel):
    """Figures that replace the BLS ones; each must name its own source and year."""

    model_config = STRICT
    pay: PayOverride | None = None
    top_states: TopStatesOverride | None = None
    outlook: OutlookOverride | None = None
    entry_education: EntryEducationOverride | None = None


class Career(BaseModel):
    """One career, as a counsellor writes it; official figures are joined by SOC code."""

    model_config = STRICT
    id: Id
    """The file's name without .yaml; also names the PDF."""
    title: Name
    """The job title printed on the brochure."""
    other_titles: list[Name] = Field(default_factory=list, max_length=6)
    """Other names for the same job."""
    soc: Soc
    """SOC code used to join the BLS figures, such as 29-2072."""
    summary: Line
    """One sentence under the title."""
    role: Role
    """What the job is."""
    education: Education
    """How to get in."""
    advancement: list[Line] = Field(default_factory=list, max_length=6)
    """Where the job can lead."""
    specialisations: list[Specialisation] = Field(default_factory=list, max_length=6)
    """Areas to specialise in."""
    first_steps: list[Line] = Field(min_length=2, max_length=6)
    """Concrete steps a student can take now."""
    more_info: Link
    """Where to read more."""
    sources: list[Source] = Field(min_length=1, max_length=8)
    """What the text draws on (the BLS figures are cited automatically)."""
    figures: FigureOverrides | None = None
    """Figures that replace BLS's, each with its own source and year. Rarely needed."""
