-- The starter note templates (one or two per visit type) and the practice's starter smart
-- phrases (owner: chart::templates and chart::phrases). Fixed ids and one fixed timestamp, so
-- every new practice starts from the same rows; the practice edits or retires them later.
-- `***` marks a blank the physician fills in (F2 in a note jumps to the next one).
INSERT INTO note_templates (id, visit_type, name, subjective, objective, assessment, plan, updated_at) VALUES
('00000000-0000-0000-0005-000000000001', 'office', 'Acute visit',
'Chief complaint: ***
HPI: *** (onset, duration, location, character, severity, modifying factors, associated symptoms)
Tried so far: ***
Relevant history: ***
ROS: ***
Medications / allergies reviewed: yes',
'Vitals: ***
General: ***
Focused exam: ***',
'1. ***
Differential: ***',
'Tests: ***
Treatment: ***
Patient education: ***
Return / red flags: return if worse, not better in *** days, or if ***
Follow-up: ***',
'2026-01-01T00:00:00.000000Z'),
('00000000-0000-0000-0005-000000000002', 'office', 'Chronic disease follow-up',
'Here for follow-up of: ***
Since last visit: ***
Symptoms / control: ***
Medication adherence and side effects: ***
Home readings (BP / glucose): ***
Lifestyle (diet, activity, smoking, alcohol): ***
ROS: ***',
'Vitals: ***
General: ***
Cardiovascular: ***
Respiratory: ***
Feet / other focused exam: ***
Recent results: ***',
'1. *** — controlled / not at goal
2. ***',
'Medications: continue / change ***
Labs due: ***
Screening and immunizations due: ***
Self-management goals: ***
Follow-up in *** months',
'2026-01-01T00:00:00.000000Z'),
('00000000-0000-0000-0005-000000000003', 'office', 'Annual physical',
'Interval history: ***
Concerns today: ***
Medications and supplements reviewed: ***
Past medical / surgical history reviewed: ***
Family history reviewed: ***
Social: tobacco ***, alcohol ***, other substances ***, exercise ***, diet ***, sleep ***
Sexual health: ***
Mood (PHQ-2): ***
Safety: seat belt, firearms at home, falls ***
ROS: ***',
'Vitals: ***
General: well appearing, no distress
HEENT: ***
Neck: no thyroid enlargement, no lymphadenopathy
Heart: regular rate and rhythm, no murmur
Lungs: clear to auscultation bilaterally
Abdomen: soft, non-tender, no organomegaly
Extremities: no edema
Skin: ***
Neuro: ***',
'1. Adult wellness examination
2. ***',
'Screening: colorectal ***, cervical ***, breast ***, lipids ***, diabetes ***
Immunizations: influenza ***, Td/Tdap ***, pneumococcal ***, shingles ***, COVID-19 ***
Counselling: diet, activity, weight, tobacco and alcohol
Labs ordered: ***
Next physical in 12 months',
'2026-01-01T00:00:00.000000Z'),
('00000000-0000-0000-0005-000000000004', 'telephone', 'Telephone consultation',
'Caller: *** (patient / family member / caregiver), identity confirmed with date of birth
Reason for call: ***
History: ***
Red flags asked: ***',
'No examination (telephone).
Reported home readings: ***',
'1. ***',
'Advice given: ***
Prescription: ***
Return precautions explained: seek care urgently if ***
Caller understood and agreed with the plan.
Follow-up: ***',
'2026-01-01T00:00:00.000000Z'),
('00000000-0000-0000-0005-000000000005', 'telephone', 'Results call',
'Results discussed: ***
Patient questions: ***',
'Results: ***',
'1. ***',
'Next steps: ***
Repeat test: ***
Patient understood and agreed.',
'2026-01-01T00:00:00.000000Z'),
('00000000-0000-0000-0005-000000000006', 'home', 'Home visit',
'Reason for visit: ***
Present at visit: ***
History: ***
Function (ADLs / IADLs): ***
Medications checked against the packs at home: ***
Carer concerns: ***',
'Vitals: ***
General: ***
Focused exam: ***
Home safety (falls risk, stairs, equipment): ***
Cognition: ***',
'1. ***',
'Plan: ***
Community services / referrals: ***
Carer informed: ***
Next home visit: ***',
'2026-01-01T00:00:00.000000Z');

INSERT INTO smart_phrases (id, owner_id, abbreviation, expansion, updated_at) VALUES
('00000000-0000-0000-0005-000000000101', NULL, '.htn',
'Hypertension follow-up. Home BP readings average ***. Taking medications as prescribed, no side effects reported. Denies chest pain, shortness of breath, headache or visual changes. Low-salt diet and regular activity discussed. Goal BP below 130/80. Continue current regimen; recheck BP and BMP in *** months.',
'2026-01-01T00:00:00.000000Z'),
('00000000-0000-0000-0005-000000000102', NULL, '.dm2',
'Type 2 diabetes follow-up. Last HbA1c ***%. Home glucose readings ***. No hypoglycemic episodes. Denies polyuria, polydipsia, visual changes, numbness or foot ulcers. Diet and activity reviewed. Foot exam: ***. Eye exam due ***. Urine albumin/creatinine and lipids ***. Continue metformin ***; recheck HbA1c in 3 months.',
'2026-01-01T00:00:00.000000Z'),
('00000000-0000-0000-0005-000000000103', NULL, '.uri',
'Upper respiratory infection, most likely viral. Symptoms for *** days: nasal congestion, sore throat, mild cough. No shortness of breath, no high fever, no ear or sinus pain. Supportive care: fluids, rest, saline rinses, acetaminophen or ibuprofen as needed. Antibiotics not indicated. Return if fever above 39 °C, symptoms beyond 10 days, worsening after improvement, or trouble breathing.',
'2026-01-01T00:00:00.000000Z'),
('00000000-0000-0000-0005-000000000104', NULL, '.ros',
'ROS: Constitutional: no fever, chills, weight loss or fatigue. Eyes: no vision changes. ENT: no sore throat or congestion. Cardiovascular: no chest pain, palpitations or edema. Respiratory: no cough or shortness of breath. GI: no nausea, vomiting, diarrhea, constipation or abdominal pain. GU: no dysuria or frequency. Musculoskeletal: no joint pain or swelling. Skin: no rash. Neuro: no headache, weakness or numbness. Psychiatric: no depressed mood or anxiety.',
'2026-01-01T00:00:00.000000Z'),
('00000000-0000-0000-0005-000000000105', NULL, '.pe',
'General: well appearing, in no acute distress. HEENT: normocephalic, pupils equal and reactive, oropharynx clear, tympanic membranes normal. Neck: supple, no lymphadenopathy or thyromegaly. Heart: regular rate and rhythm, no murmur, rub or gallop. Lungs: clear to auscultation bilaterally, no wheezes or crackles. Abdomen: soft, non-tender, non-distended, bowel sounds normal. Extremities: no edema, pulses intact. Skin: warm and dry, no rash. Neuro: alert and oriented, no focal deficit.',
'2026-01-01T00:00:00.000000Z'),
('00000000-0000-0000-0005-000000000106', NULL, '.copd',
'COPD follow-up. Breathlessness (mMRC) ***. Exacerbations in the last year: ***. Inhaler technique checked and correct; using *** as prescribed. Still smoking: ***. Cough and sputum at baseline. Pulmonary rehabilitation, influenza and pneumococcal vaccination discussed. Action plan reviewed: start rescue pack and call if sputum changes colour, breathlessness increases or fever.',
'2026-01-01T00:00:00.000000Z'),
('00000000-0000-0000-0005-000000000107', NULL, '.lbp',
'Low back pain for *** weeks after ***. No red flags: no saddle anesthesia, bladder or bowel changes, progressive leg weakness, fever, weight loss, history of cancer or significant trauma. Exam: paraspinal tenderness, straight leg raise negative, strength, sensation and reflexes normal in both legs. Likely mechanical low back pain. Advised to stay active, heat, NSAID as needed if no contraindication, back exercises. Imaging not indicated now. Return if red flags appear or no improvement in 4-6 weeks.',
'2026-01-01T00:00:00.000000Z'),
('00000000-0000-0000-0005-000000000108', NULL, '.anx',
'Anxiety follow-up. GAD-7 score ***. Sleep ***, appetite ***, concentration ***. Panic attacks: ***. No suicidal thoughts, plans or intent. Alcohol and caffeine use reviewed. Coping strategies and counselling options discussed. Medication: ***. Crisis line information given. Follow-up in *** weeks.',
'2026-01-01T00:00:00.000000Z'),
('00000000-0000-0000-0005-000000000109', NULL, '.dep',
'Depression follow-up. PHQ-9 score *** (was ***). Mood ***, sleep ***, energy ***, interest ***. No suicidal ideation, plan or intent. Taking *** daily, side effects: ***. Counselling: ***. Safety plan and crisis line reviewed. Follow-up in *** weeks.',
'2026-01-01T00:00:00.000000Z'),
('00000000-0000-0000-0005-000000000110', NULL, '.uti',
'Dysuria and frequency for *** days. No fever, flank pain, vaginal discharge or hematuria. Not pregnant. Urine dipstick: ***. Likely uncomplicated cystitis. Treated with ***. Fluids advised. Return if fever, flank pain, vomiting or no improvement in 48 hours.',
'2026-01-01T00:00:00.000000Z'),
('00000000-0000-0000-0005-000000000111', NULL, '.lipid',
'Hyperlipidemia follow-up. Last lipids: total ***, LDL ***, HDL ***, triglycerides ***. 10-year cardiovascular risk ***%. Taking statin without muscle aches. Diet and exercise counselling given. Continue ***; repeat fasting lipids and ALT in *** months.',
'2026-01-01T00:00:00.000000Z'),
('00000000-0000-0000-0005-000000000112', NULL, '.rtc',
'Return precautions reviewed: return or call sooner if symptoms worsen, new symptoms appear, or no improvement in *** days; go to the emergency department for chest pain, trouble breathing, confusion or fainting. Patient verbalized understanding and agreed with the plan.',
'2026-01-01T00:00:00.000000Z');

-- A name names one template of its type among those in use (the check in chart::templates
-- answers with a field error first; this keeps two workstations from racing past it).
CREATE UNIQUE INDEX note_templates_unique_name
    ON note_templates (visit_type, lower(name)) WHERE retired = 0;
