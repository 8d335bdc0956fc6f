// ISO 3166-1 alpha-2 codes currently assigned; UQPAY rejects anything else for country fields.
const ALPHA2 =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
  'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
  'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
  'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
  'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
  'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

export const COUNTRY_CODES: ReadonlySet<string> = new Set(ALPHA2.split(' '));

// UQPAY does not publish its phone table; these are the national-number lengths (no country prefix) we know,
// everything else falls back to a generic 6–15 digit rule.
export const PHONE_LENGTHS: Readonly<Record<string, readonly number[]>> = {
  SG: [8],
  HK: [8],
  MO: [8],
  US: [10],
  CA: [10],
  GB: [10],
  CN: [11],
  AU: [9],
  IN: [10],
  MY: [9, 10],
  PH: [10],
  TH: [9],
};

export function phoneLengthOk(country: string, digits: string): boolean {
  const lengths = PHONE_LENGTHS[country];
  return lengths ? lengths.includes(digits.length) : digits.length >= 6 && digits.length <= 15;
}

export function phoneRule(country: string): string {
  const lengths = PHONE_LENGTHS[country];
  return lengths ? `${lengths.join(' or ')} digits for ${country}` : '6-15 digits';
}
