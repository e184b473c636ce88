/**
 * The demo call of the Moving Forward – Cluster 3 grant scheme, for seeding and tests: complete and
 * publishable, with the EU full-application grid. Dates follow from the publication instant, with
 * deadlines at 16:00 Kosovo time.
 */
import { addDays } from './dates';
import { COST_HEADINGS, DEFAULT_INDIRECT_COST_CAP_BP } from './budget';
import { kosovoLocalToUtc, toKosovoLocal } from './deadline';
import { DEFAULT_EVALUATORS_PER_APPLICATION, EU_MAX_GRANT_CENTS, demoEuGrid, type CallDraft, type LocalizedText } from './call-validation';

const t = (en: string, sq: string, sr: string): LocalizedText => ({ en, sq, sr });

export const DEMO_PROGRAMME_NAME = 'Moving Forward – Cluster 3 grant scheme';

export function demoCallDraft(publicationAt: string, reference = 'MF-C3-2026-01'): CallDraft {
  const day = toKosovoLocal(publicationAt).date;
  const at = (days: number) => kosovoLocalToUtc(addDays(day, days), '16:00');
  return {
    reference,
    texts: {
      title: t(
        'Rehabilitation and reintegration services for victims of trafficking',
        'Shërbime rehabilitimi dhe riintegrimi për viktimat e trafikimit',
        'Usluge rehabilitacije i reintegracije za žrtve trgovine ljudima',
      ),
      objectives: t(
        'Strengthen long-term reintegration of victims and presumed victims of trafficking.',
        'Forcimi i riintegrimit afatgjatë të viktimave dhe viktimave të mundshme të trafikimit.',
        'Jačanje dugoročne reintegracije žrtava i potencijalnih žrtava trgovine ljudima.',
      ),
      whoMayApply: t(
        'Civil-society organisations registered in Kosovo with a valid social-services licence.',
        'Organizatat e shoqërisë civile të regjistruara në Kosovë me licencë të vlefshme për shërbime sociale.',
        'Organizacije civilnog društva registrovane na Kosovu sa važećom licencom za socijalne usluge.',
      ),
      whatIsFunded: t(
        'Psychological treatment, shelter, legal aid, education, vocational training and employment support.',
        'Trajtim psikologjik, strehim, ndihmë juridike, arsimim, aftësim profesional dhe mbështetje për punësim.',
        'Psihološki tretman, sklonište, pravna pomoć, obrazovanje, stručna obuka i podrška zapošljavanju.',
      ),
    },
    priorities: [
      { code: 'P1', nsObjective: 'III.2', title: t('Rehabilitation services', 'Shërbime rehabilitimi', 'Usluge rehabilitacije') },
      { code: 'P2', nsObjective: 'III.4', title: t('Long-term reintegration', 'Riintegrim afatgjatë', 'Dugoročna reintegracija') },
    ],
    budgetEnvelopeCents: 30_000_000,
    minGrantCents: 1_000_000,
    maxGrantCents: EU_MAX_GRANT_CENTS,
    maxGrantOverride: null,
    maxDurationMonths: 12,
    minCoFinancingBp: 500,
    costHeadings: COST_HEADINGS.map((code) => ({ code, capPct: code === 'equipment_supplies' ? 20 : code === 'local_office' ? 15 : null })),
    indirectCostCapBp: DEFAULT_INDIRECT_COST_CAP_BP,
    eligibilityQuestions: [
      {
        id: 'q1',
        requiredAnswer: true,
        text: t(
          'Does the organisation provide services to victims of trafficking in Kosovo?',
          'A ofron organizata shërbime për viktimat e trafikimit në Kosovë?',
          'Da li organizacija pruža usluge žrtvama trgovine ljudima na Kosovu?',
        ),
      },
      {
        id: 'q2',
        requiredAnswer: false,
        text: t(
          'Is the same action funded by another donor?',
          'A financohet i njëjti veprim nga një donator tjetër?',
          'Da li istu akciju finansira drugi donator?',
        ),
      },
    ],
    grid: demoEuGrid(),
    evaluatorsPerApplication: DEFAULT_EVALUATORS_PER_APPLICATION,
    divergenceThresholdPoints: 20,
    dates: {
      publicationAt: new Date(Date.parse(publicationAt)).toISOString(),
      questionsDeadlineAt: at(21),
      submissionDeadlineAt: at(42),
      evaluationDueAt: at(72),
      decisionExpectedAt: at(90),
    },
    documents: [],
    allowMultipleApplications: false,
  };
}
