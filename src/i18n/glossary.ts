import type { Locale } from './i18n.ts';

/**
 * The platform's words for its own things, one per language, and the spellings that must not be
 * used for them. The dictionaries and the starting pages use these terms; `glossary.test.ts`
 * fails on a variant, or on a straight apostrophe where the language writes ’.
 */
export interface GlossaryEntry {
  /** What the term names. */
  concept: string;
  terms: Record<Locale, string>;
  /** Other spellings of the same thing, refused (matched without regard to case). */
  variants: Record<Locale, readonly string[]>;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    concept: 'an organization that is a member of the Alliance',
    terms: { en: 'partner', fr: 'partenaire', es: 'socio' },
    variants: {
      en: ['member organisation', 'member organization'],
      fr: ['membre partenaire'],
      es: ['miembro asociado'],
    },
  },
  {
    concept: 'a country that commits to go further and faster towards target 8.7',
    terms: { en: 'pathfinder country', fr: 'pays pionnier', es: 'país pionero' },
    variants: {
      en: ['path-finder', 'pathfinding country'],
      fr: ['pays pilote', 'pays éclaireur', 'pays pathfinder'],
      es: ['país piloto', 'país pathfinder', 'país precursor'],
    },
  },
  {
    concept: 'a group of partners working on one theme',
    terms: { en: 'action group', fr: 'groupe d’action', es: 'grupo de acción' },
    variants: { en: ['action-group'], fr: ['groupe d’actions', 'groupe d’intervention'], es: ['grupo de acciones'] },
  },
  {
    concept: 'the body that steers the Alliance (its real name)',
    terms: {
      en: 'Global Coordinating Group',
      fr: 'Groupe mondial de coordination',
      es: 'Grupo de Coordinación Mundial',
    },
    variants: {
      en: ['Global Coordination Group', 'Global Coordinator Group'],
      fr: ['Groupe de coordination mondial', 'Groupe mondial de coordinaton'],
      es: ['Grupo Mundial de Coordinación', 'Grupo de Coordinación Global'],
    },
  },
  {
    concept: 'the team hosted by the ILO that runs the Alliance day to day',
    terms: { en: 'Secretariat', fr: 'Secrétariat', es: 'Secretaría' },
    variants: { en: ['Secretariate'], fr: ['Secretariat'], es: ['Secretariado'] },
  },
  {
    concept: 'the signed-in part of the platform',
    terms: { en: 'back office', fr: 'espace de gestion', es: 'espacio de gestión' },
    variants: {
      en: ['back-office', 'backoffice'],
      fr: ['back-office', 'arrière-guichet'],
      es: ['área de gestión', 'back office', 'backoffice'],
    },
  },
  {
    concept: 'the one who speaks for a pathfinder country',
    terms: { en: 'focal point', fr: 'point focal', es: 'punto focal' },
    variants: { en: ['focal-point'], fr: ['point de contact national'], es: ['punto de enlace'] },
  },
];

/** Languages that write the apostrophe as ’ (U+2019); a straight ' in their texts is a slip. */
export const TYPOGRAPHIC_APOSTROPHE: readonly Locale[] = ['fr', 'en', 'es'];
