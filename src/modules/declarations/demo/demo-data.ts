/** Demo parties and trade lanes for a believable Caribbean / Central American office. Fictional companies. */
export interface DemoParty {
  tin: string;
  name: string;
  country: string;
  aeo: boolean;
}

export const DEMO_DECLARANTS: DemoParty[] = [
  { tin: 'JM-BRK-0001', name: 'Caribbean Customs Brokers Ltd', country: 'JM', aeo: true },
  { tin: 'GT-BRK-0002', name: 'Agencia Aduanal del Atlántico S.A.', country: 'GT', aeo: false },
];

export const DEMO_IMPORTERS: DemoParty[] = [
  { tin: 'JM-IMP-1001', name: 'Blue Mountain Foods Ltd', country: 'JM', aeo: true },
  { tin: 'JM-IMP-1002', name: 'Island Pharma Distributors', country: 'JM', aeo: false },
  { tin: 'JM-IMP-1003', name: 'Kingston Hardware & Building Supplies', country: 'JM', aeo: false },
  { tin: 'GT-IMP-2001', name: 'Distribuidora Maya S.A.', country: 'GT', aeo: false },
  { tin: 'GT-IMP-2002', name: 'Textiles del Pacífico S.A.', country: 'GT', aeo: true },
  { tin: 'HN-IMP-3001', name: 'Comercial Cortés S. de R.L.', country: 'HN', aeo: false },
];

export const DEMO_SELLERS: DemoParty[] = [
  { tin: 'US-SEL-9001', name: 'Gulf Coast Exporters Inc', country: 'US', aeo: true },
  { tin: 'CN-SEL-9002', name: 'Ningbo Bright Trading Co', country: 'CN', aeo: false },
  { tin: 'MX-SEL-9003', name: 'Exportadora del Bajío S.A. de C.V.', country: 'MX', aeo: false },
  { tin: 'CO-SEL-9004', name: 'Comercializadora Andina S.A.S.', country: 'CO', aeo: false },
  { tin: 'DE-SEL-9005', name: 'Hamburg Pharma GmbH', country: 'DE', aeo: true },
];

export const DEMO_CARRIERS: DemoParty[] = [
  { tin: 'CH-CAR-0001', name: 'Mediterranean Shipping Company', country: 'CH', aeo: true },
  { tin: 'DK-CAR-0002', name: 'Maersk A/S', country: 'DK', aeo: true },
];

/** Goods commonly imported in the region, with a plausible value per kg (USD) and a typical consignment mass. */
export interface DemoGoods {
  hs: string;
  description: string;
  origins: string[];
  usdPerKg: number;
  massKg: [number, number];
}

export const DEMO_GOODS: DemoGoods[] = [
  { hs: '080810', description: 'Fresh apples', origins: ['US', 'CL'], usdPerKg: 1.4, massKg: [8000, 20000] },
  {
    hs: '100630',
    description: 'Semi-milled or wholly milled rice',
    origins: ['US', 'GY', 'VN'],
    usdPerKg: 0.6,
    massKg: [15000, 25000],
  },
  {
    hs: '020714',
    description: 'Frozen cuts of chicken',
    origins: ['US', 'BR'],
    usdPerKg: 2.2,
    massKg: [10000, 24000],
  },
  {
    hs: '300490',
    description: 'Medicaments, packaged for retail sale',
    origins: ['DE', 'IN', 'US'],
    usdPerKg: 85,
    massKg: [200, 3000],
  },
  {
    hs: '240220',
    description: 'Cigarettes containing tobacco',
    origins: ['US', 'CN', 'PY'],
    usdPerKg: 30,
    massKg: [500, 8000],
  },
  {
    hs: '610910',
    description: 'T-shirts of cotton, knitted',
    origins: ['CN', 'GT', 'HN', 'BD'],
    usdPerKg: 14,
    massKg: [1000, 6000],
  },
  {
    hs: '870323',
    description: 'Motor cars, spark-ignition, 1500–3000 cc',
    origins: ['JP', 'US', 'KR'],
    usdPerKg: 9,
    massKg: [1200, 3000],
  },
  { hs: '851713', description: 'Smartphones', origins: ['CN', 'VN'], usdPerKg: 420, massKg: [50, 800] },
  {
    hs: '721420',
    description: 'Bars and rods of iron, deformed (rebar)',
    origins: ['TR', 'MX', 'CN'],
    usdPerKg: 0.7,
    massKg: [18000, 26000],
  },
  {
    hs: '220300',
    description: 'Beer made from malt',
    origins: ['MX', 'NL', 'US'],
    usdPerKg: 1.1,
    massKg: [10000, 22000],
  },
  {
    hs: '040221',
    description: 'Milk powder, unsweetened, fat > 1.5 %',
    origins: ['NZ', 'US'],
    usdPerKg: 3.6,
    massKg: [10000, 20000],
  },
  {
    hs: '852872',
    description: 'Television receivers, colour',
    origins: ['CN', 'MX'],
    usdPerKg: 25,
    massKg: [1500, 7000],
  },
  {
    hs: '401110',
    description: 'New pneumatic tyres for motor cars',
    origins: ['CN', 'TH', 'US'],
    usdPerKg: 4.5,
    massKg: [4000, 12000],
  },
  {
    hs: '330499',
    description: 'Beauty and skin-care preparations',
    origins: ['US', 'FR', 'CO'],
    usdPerKg: 22,
    massKg: [300, 3000],
  },
  {
    hs: '090111',
    description: 'Coffee, not roasted, not decaffeinated',
    origins: ['CO', 'BR', 'HN'],
    usdPerKg: 4.8,
    massKg: [15000, 20000],
  },
  {
    hs: '170199',
    description: 'Cane or beet sugar, refined',
    origins: ['GT', 'BR'],
    usdPerKg: 0.5,
    massKg: [20000, 26000],
  },
];

/** Container owner prefixes of real lines (BIC codes), for believable numbers. */
export const CONTAINER_OWNERS = ['MSCU', 'MAEU', 'CMAU', 'HLXU', 'SEGU', 'TGHU', 'ZIMU', 'EVRU'];

/** Demo sign-ins, one per role; printed at start and listed in the README. For a demo only. */
export const DEMO_USERS = [
  {
    username: 'trader',
    password: 'trader-demo-1',
    roles: ['trader'],
    partyTin: 'JM-BRK-0001',
    displayName: 'Tanya Brown (Caribbean Customs Brokers)',
    locale: 'en',
  },
  {
    username: 'trader.gt',
    password: 'trader-demo-2',
    roles: ['trader'],
    partyTin: 'GT-BRK-0002',
    displayName: 'Luis Pérez (Agencia Aduanal del Atlántico)',
    locale: 'es',
  },
  {
    username: 'officer',
    password: 'officer-demo-1',
    roles: ['officer'],
    partyTin: null,
    displayName: 'Officer Marcia Campbell',
    locale: 'en',
    office: 'JMKIN01',
  },
  {
    username: 'analyst',
    password: 'analyst-demo-1',
    roles: ['risk_analyst'],
    partyTin: null,
    displayName: 'Analyst Diego Morales',
    locale: 'es',
  },
  {
    username: 'supervisor',
    password: 'supervisor-demo-1',
    roles: ['supervisor'],
    partyTin: null,
    displayName: 'Supervisor Andrea Thompson',
    locale: 'en',
  },
  {
    username: 'admin',
    password: 'admin-demo-1',
    roles: ['admin'],
    partyTin: null,
    displayName: 'Administrator',
    locale: 'en',
  },
] as const;
