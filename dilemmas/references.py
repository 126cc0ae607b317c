"""The fixed reference lists that content is tagged with (see the README's content section).

Sources: College of Policing Code of Ethics (2024); Police (Conduct) Regulations 2020,
Schedule 2; College of Policing National Decision Model.
"""

from __future__ import annotations

CODE_OF_ETHICS_URL = "https://www.college.police.uk/ethics/code-of-ethics"
CODE_OF_ETHICS_GUIDANCE_URL = "https://www.college.police.uk/ethics/code-of-ethics/guidance"
STANDARDS_URL = "https://www.legislation.gov.uk/uksi/2020/4/schedule/2"
NDM_URL = "https://www.college.police.uk/app/national-decision-model/national-decision-model"

STANDARDS: dict[int, str] = {
    1: "Honesty and integrity",
    2: "Authority, respect and courtesy",
    3: "Equality and diversity",
    4: "Use of force",
    5: "Orders and instructions",
    6: "Duties and responsibilities",
    7: "Confidentiality",
    8: "Fitness for work",
    9: "Discreditable conduct",
    10: "Challenging and reporting improper conduct",
}

PRINCIPLES: dict[str, str] = {
    "courage": "Courage",
    "respect-and-empathy": "Respect and empathy",
    "public-service": "Public service",
}

NDM_STAGES: dict[str, str] = {
    "code-of-ethics": "The Code of Ethics at the centre",
    "information": "Gather information and intelligence",
    "threat-and-risk": "Assess threat and risk and develop a working strategy",
    "powers-and-policy": "Consider powers and policy",
    "options": "Identify options and contingencies",
    "action-and-review": "Take action and review",
}

CPD_TOPICS: dict[str, str] = {
    "duty-to-disclose": "Duty to disclose (change of circumstances)",
    "business-interests": "Business interests",
    "complaints": "Complaints",
    "investigations": "Investigations",
    "iopc": "IOPC referrals and role",
    "counter-corruption": "Counter-corruption",
    "notifiable-associations": "Notifiable associations",
    "appropriate-authority": "The appropriate authority",
    "whistleblowing": "Whistleblowing and speaking up",
    "misconduct-hearings": "Misconduct hearings and meetings",
    "vetting": "Vetting",
    "sexual-harassment": "Sexual harassment and the employer's preventative duty",
    "social-media": "Social media and private group chats",
    "abuse-of-position": "Abuse of position for a sexual purpose",
    "upstander": "Being an upstander (direct, distract, delegate, delay)",
}

# Subjects a bank must not leave out (a content check fails when one has no card or dilemma): the gaps a
# professional standards trainer found in the first bank, and the people who are easy to forget.
THEMES: dict[str, str] = {
    "domestic-abuse": "Domestic abuse by officers or staff",
    "off-duty-offending": "An officer's or staff member's own arrest or off-duty offence (drink-driving included)",
    "drugs": "Drugs and drug testing",
    "bullying": "Bullying",
    "sexual-orientation": "Sexual orientation",
    "gender-identity": "Gender identity",
    "disability": "Disability",
    "neurodiversity": "Neurodiversity",
    "reasonable-adjustments": "Reasonable adjustments",
    "misogyny": "Misogyny between colleagues",
    "racism": "Racism between colleagues",
    "personal-devices": "Personal devices",
    "ai-tools": "AI tools",
    "firearms": "Firearms officers",
    "volunteers": "Volunteers (special constables and police support volunteers)",
    "cadets": "Volunteer police cadets",
}

SUITS: dict[str, str] = {
    "hearts": "The Individual in the Profession",
    "diamonds": "The Profession at Work",
    "clubs": "Society and the Profession",
    "spades": "Protecting the Profession",
}

SUIT_SYMBOLS: dict[str, str] = {"hearts": "♥", "diamonds": "♦", "clubs": "♣", "spades": "♠"}

RANKS: tuple[str, ...] = ("A", "2", "3", "4", "5", "6", "7", "8", "9", "10", "J", "Q", "K")

RANK_NAMES: dict[str, str] = {
    "A": "Ace",
    "J": "Jack",
    "Q": "Queen",
    "K": "King",
    **{str(n): str(n) for n in range(2, 11)},
}
