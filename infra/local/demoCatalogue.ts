import type { ProductBody } from '../../shared/api/catalogue';
import { dayFrom } from './demoDocuments';
import { productPicture, type Pictogram } from './demoProductImages';

/**
 * The catalogue `npm start` gives each demo tenant, as its CRM would sync it: about forty
 * products in a handful of categories, with real-looking SKUs, names and Markdown
 * descriptions, GBP prices (Acme also sells in EUR), price breaks on many, a few hidden,
 * a few listed to one company only, one withdrawn from sale (inactive), stock from none to
 * plenty with incoming deliveries, and a picture or two each. Data only: the seed (H1's
 * part) upserts the products through the catalogue service and uploads the pictures.
 */

export interface DemoProductImage {
  /** The id the product's `images` name it by. */
  imageId: string;
  alt: string;
  contentType: 'image/png';
  /** Drawn on demand (a few kilobytes each). */
  bytes: () => Buffer;
}

export interface DemoProduct {
  /** The CRM's own id (the path's productId). */
  productId: string;
  /** As `PUT /api/admin/products/{productId}` takes it (productBody). */
  product: ProductBody;
  /** Uploaded before the product is upserted; `product.images` names them. */
  images: DemoProductImage[];
}

export interface DemoCatalogue {
  /** The currency the tenant's catalogue settings sell in. */
  currency: string;
  categories: string[];
  products: DemoProduct[];
}

/** Which companies the catalogue lists products to (the seed's DEMO_COMPANIES). */
export interface DemoCatalogueCompanies {
  /** Northwind Traders: in the portal. */
  allowed: string;
  /** Globex Holdings: not in the portal; a product listed only to it never shows to Northwind. */
  other: string;
}

type StockKind = 'plenty' | 'low' | 'none' | 'incoming' | 'low-incoming' | 'made-to-order';

interface Row {
  sku: string;
  name: string;
  /** Pence (or cents) before tax. */
  price: number;
  unit?: string;
  /** [minQuantity, unitPrice] pairs. */
  breaks?: Array<[number, number]>;
  stock: StockKind;
  /** One or two sentences; the category's bullet points follow. */
  blurb: string;
  visibility?: 'hidden' | 'allowed-only' | 'other-only';
  inactive?: boolean;
  /** VAT 20 % unless said (0 for zero-rated). */
  taxRateBps?: number;
  /** Two pictures instead of one. */
  gallery?: boolean;
}

interface Category {
  name: string;
  pictogram: Pictogram;
  colour: string;
  /** Markdown bullet points every product of the category shares. */
  details: string[];
  rows: Row[];
}

const stockOf = (kind: StockKind, i: number, anchor: string): ProductBody['stock'] => {
  switch (kind) {
    case 'plenty':
      return { onHand: 120 + ((i * 37) % 400), allowBackorder: true };
    case 'low':
      return { onHand: 2 + (i % 4), allowBackorder: true };
    case 'none':
      return { onHand: 0, allowBackorder: false };
    case 'incoming':
      return { onHand: 0, incoming: { quantity: 50 + (i % 5) * 25, expectedDate: dayFrom(anchor, 7 + (i % 3) * 7) }, allowBackorder: true };
    case 'low-incoming':
      return { onHand: 4, incoming: { quantity: 200, expectedDate: dayFrom(anchor, 10) }, allowBackorder: true };
    case 'made-to-order':
      return { onHand: 0, allowBackorder: true };
  }
};

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function build(prefix: string, categories: Category[], companies: DemoCatalogueCompanies, anchor: string, eur?: (gbp: number) => number): DemoCatalogue {
  const products: DemoProduct[] = [];
  let i = 0;
  for (const category of categories) {
    for (const row of category.rows) {
      i += 1;
      const productId = `${prefix}-${slug(row.sku)}`;
      const variant = i;
      const images: DemoProductImage[] = [
        {
          imageId: `${productId}-1`,
          alt: row.name,
          contentType: 'image/png',
          bytes: () => productPicture(category.pictogram, category.colour, variant),
        },
      ];
      if (row.gallery) {
        images.push({
          imageId: `${productId}-2`,
          alt: `${row.name}, alternative finish`,
          contentType: 'image/png',
          bytes: () => productPicture(category.pictogram, category.colour, variant + 2),
        });
      }
      const breaks = (row.breaks ?? []).map(([minQuantity, unitPrice]) => ({ minQuantity, unitPrice }));
      const prices: ProductBody['prices'] = [{ currency: 'GBP', unitPrice: row.price, breaks }];
      if (eur)
        prices.push({ currency: 'EUR', unitPrice: eur(row.price), breaks: breaks.map((b) => ({ minQuantity: b.minQuantity, unitPrice: eur(b.unitPrice) })) });
      const visibility = row.visibility === 'hidden' ? 'hidden' : row.visibility ? 'listed-companies' : 'everyone';
      const visibleTo = row.visibility === 'allowed-only' ? [companies.allowed] : row.visibility === 'other-only' ? [companies.other] : [];
      products.push({
        productId,
        images,
        product: {
          sku: row.sku,
          name: row.name,
          description: `${row.blurb}\n\n${category.details.map((d) => `- ${d}`).join('\n')}`,
          category: category.name,
          unit: row.unit ?? 'each',
          taxRateBps: row.taxRateBps ?? 2000,
          prices,
          images: images.map(({ imageId, alt }) => ({ imageId, alt })),
          visibility,
          visibleTo,
          stock: stockOf(row.stock, i, anchor),
          active: !row.inactive,
        },
      });
    }
  }
  return { currency: 'GBP', categories: categories.map((c) => c.name), products };
}

/** Brightline Print & Signs: banners, signs, stationery, vinyl and exhibition kit, in GBP with 20 % VAT. */
function brightlineCategories(): Category[] {
  return [
    {
      name: 'Banners & Flags',
      pictogram: 'flag',
      colour: '#1d4ed8',
      details: [
        'Printed in-house on our latex press, **UV-stable inks** rated for 3 years outdoors',
        'Free artwork check before print',
        'Dispatched within **3 working days** of proof approval',
      ],
      rows: [
        {
          sku: 'BAN-PVC-3X1',
          name: 'PVC banner 3 × 1 m, hemmed and eyeleted',
          price: 4_850,
          breaks: [
            [5, 4_350],
            [20, 3_900],
          ],
          stock: 'made-to-order',
          blurb: '510 gsm frontlit PVC with welded hems and brass eyelets every 50 cm. The workhorse banner for fences, scaffolding and shop fronts.',
          gallery: true,
        },
        {
          sku: 'BAN-MESH-4X2',
          name: 'Mesh banner 4 × 2 m, wind-permeable',
          price: 11_200,
          breaks: [[4, 10_100]],
          stock: 'made-to-order',
          blurb: 'Knitted mesh lets 30 % of the wind through — the right choice for building wraps and exposed sites.',
        },
        {
          sku: 'FLG-FTH-M',
          name: 'Feather flag, medium (3.4 m) with ground spike',
          price: 8_900,
          breaks: [
            [5, 7_990],
            [10, 7_450],
          ],
          stock: 'plenty',
          blurb: 'Single-sided dye-sublimated knitted polyester on a fibreglass pole, complete with ground spike and carry bag.',
          gallery: true,
        },
        {
          sku: 'FLG-TDR-L',
          name: 'Teardrop flag, large (4.3 m) with cross base',
          price: 11_900,
          stock: 'low',
          blurb: 'Holds its shape in still air; the cross base and water bag keep it upright on hard standing.',
        },
        {
          sku: 'BAN-RB-850',
          name: 'Roller banner 850 × 2000 mm, premium base',
          price: 14_500,
          breaks: [
            [3, 13_200],
            [10, 11_900],
          ],
          stock: 'plenty',
          blurb: 'Wide-footed aluminium cassette with a swap-out graphic. Sets up in under a minute.',
        },
        {
          sku: 'BAN-RB-1000-DS',
          name: 'Roller banner 1000 mm, double-sided',
          price: 22_900,
          stock: 'incoming',
          blurb: 'Two graphics back to back for walkways and open-plan foyers.',
        },
        {
          sku: 'FLG-DESK-10',
          name: 'Desk flags, pack of 10 with chrome bases',
          price: 3_450,
          unit: 'pack of 10',
          breaks: [[5, 2_990]],
          stock: 'plenty',
          blurb: 'Satin-printed table flags for receptions, events and boardrooms.',
        },
        {
          sku: 'BAN-FAB-BKD',
          name: 'Fabric backdrop 3 × 2.3 m, tension frame',
          price: 38_500,
          stock: 'none',
          blurb: 'Seamless dye-sub fabric over a tool-free aluminium frame; crease-resistant and washable.',
        },
      ],
    },
    {
      name: 'Signs & Panels',
      pictogram: 'panel',
      colour: '#0f766e',
      details: ['Cut to size on our CNC router', 'Drilled or fitted with stand-offs on request', 'Printed direct to board with a protective laminate'],
      rows: [
        {
          sku: 'SGN-ACM-A2',
          name: 'Aluminium composite sign, A2',
          price: 4_200,
          breaks: [
            [5, 3_650],
            [25, 3_100],
          ],
          stock: 'plenty',
          blurb: '3 mm Dibond — rigid, flat and weatherproof for years. Our best-selling outdoor panel.',
          gallery: true,
        },
        {
          sku: 'SGN-ACM-2440',
          name: 'Aluminium composite sign, 2440 × 1220 mm',
          price: 18_900,
          breaks: [[3, 16_900]],
          stock: 'made-to-order',
          blurb: 'A full sheet for site hoardings and fascias.',
        },
        {
          sku: 'SGN-FOAM-A1',
          name: 'Foamex board, A1, 5 mm',
          price: 2_650,
          breaks: [[10, 2_190]],
          stock: 'plenty',
          blurb: 'Lightweight PVC foam board for indoor signs, point of sale and short-term outdoor use.',
        },
        {
          sku: 'SGN-ACR-STO',
          name: 'Acrylic office sign with chrome stand-offs',
          price: 9_800,
          stock: 'low',
          blurb: '10 mm clear acrylic, reverse printed so the face stays glossy. Supplied with fixings and a drilling template.',
        },
        {
          sku: 'SGN-PAV-A1',
          name: 'A-board pavement sign, A1 swing frame',
          price: 12_900,
          stock: 'low-incoming',
          blurb: 'Steel swing frame with two changeable A1 posters; heavy enough to stay put on a breezy street.',
        },
        {
          sku: 'SGN-PROJ-1200',
          name: 'Projecting hanging sign, 1200 mm bracket',
          price: 26_500,
          stock: 'made-to-order',
          blurb: 'A double-sided sign on a powder-coated wall bracket, made to your artwork.',
        },
        {
          sku: 'SGN-LED-BOX',
          name: 'LED light box sign, slimline',
          price: 64_000,
          stock: 'none',
          blurb: 'Edge-lit 40 mm tray with an opal face. Our electrician fits and certifies it.',
          visibility: 'allowed-only',
        },
        {
          sku: 'SGN-TRAY-FAS',
          name: 'Built-up tray fascia, per metre',
          price: 21_000,
          unit: 'metre',
          stock: 'made-to-order',
          blurb: 'Folded aluminium tray fascia, spray-painted to any RAL colour. Priced per linear metre.',
          visibility: 'hidden',
        },
      ],
    },
    {
      name: 'Business Stationery',
      pictogram: 'card',
      colour: '#7c3aed',
      details: ['FSC®-certified papers', 'Printed litho or digital, whichever suits the run', 'Proof by email within one working day'],
      rows: [
        {
          sku: 'STA-BC-400',
          name: 'Business cards, 400 gsm silk, box of 250',
          price: 2_900,
          unit: 'box of 250',
          breaks: [
            [4, 2_450],
            [10, 1_990],
          ],
          stock: 'plenty',
          blurb: 'Double-sided full colour on a substantial silk board. Rounded corners at no extra cost.',
          gallery: true,
        },
        {
          sku: 'STA-BC-SOFT',
          name: 'Business cards, soft-touch laminate, box of 250',
          price: 4_400,
          unit: 'box of 250',
          breaks: [[4, 3_800]],
          stock: 'plenty',
          blurb: 'Velvet-feel lamination that makes a card people keep.',
        },
        {
          sku: 'STA-LH-120',
          name: 'Letterheads, 120 gsm uncoated, ream of 500',
          price: 6_500,
          unit: 'ream of 500',
          breaks: [[4, 5_600]],
          stock: 'low',
          blurb: 'Laser- and inkjet-safe, so your office printer can add the letter.',
        },
        {
          sku: 'STA-CS-C5',
          name: 'Compliment slips, DL, pack of 500',
          price: 4_800,
          unit: 'pack of 500',
          stock: 'plenty',
          blurb: 'A third of A4, printed one or two sides to match your letterheads.',
        },
        {
          sku: 'STA-FLY-A5',
          name: 'Flyers A5, 170 gsm gloss, 1,000',
          price: 7_900,
          unit: 'pack of 1,000',
          breaks: [
            [5, 6_900],
            [10, 5_900],
          ],
          stock: 'plenty',
          blurb: 'Bright, punchy and quick — ideal for door drops and counter displays.',
        },
        {
          sku: 'STA-PF-A4',
          name: 'Presentation folders A4, 350 gsm, 100',
          price: 29_500,
          unit: 'pack of 100',
          stock: 'incoming',
          blurb: 'Glued pocket with a business-card slot; matt laminate outside.',
        },
        {
          sku: 'STA-NCR-A4',
          name: 'NCR pads A4, duplicate, numbered, 10 pads',
          price: 12_400,
          unit: '10 pads',
          stock: 'made-to-order',
          blurb: 'Carbonless duplicate sets of 50, sequentially numbered for delivery notes and job sheets.',
        },
      ],
    },
    {
      name: 'Vinyl & Graphics',
      pictogram: 'roll',
      colour: '#db2777',
      details: [
        'Cast or polymeric vinyl from Avery Dennison and 3M',
        'Pre-spaced and application-taped, ready to fit',
        'Fitting service available within 40 miles of Leeds',
      ],
      rows: [
        {
          sku: 'VIN-WIN-FROST',
          name: 'Frosted window film, per m²',
          price: 3_600,
          unit: 'm²',
          breaks: [
            [10, 3_100],
            [50, 2_700],
          ],
          stock: 'plenty',
          blurb: 'Etched-glass effect for privacy and manifestation; cut to any pattern or logo.',
        },
        {
          sku: 'VIN-WIN-PERF',
          name: 'One-way vision window graphic, per m²',
          price: 4_900,
          unit: 'm²',
          breaks: [[10, 4_300]],
          stock: 'plenty',
          blurb: 'Full-colour outside, see-through from inside. Laminated for a year-round finish.',
        },
        {
          sku: 'VIN-VAN-KIT',
          name: 'Van livery kit, medium panel van',
          price: 59_500,
          stock: 'made-to-order',
          blurb: 'Doors, sides and rear in cast vinyl with over-laminate; fitting is quoted separately.',
          visibility: 'allowed-only',
        },
        {
          sku: 'VIN-FLR-600',
          name: 'Floor graphic, 600 mm round, anti-slip',
          price: 2_400,
          breaks: [
            [10, 1_950],
            [50, 1_600],
          ],
          stock: 'plenty',
          blurb: 'R10 slip-rated laminate for queuing and wayfinding floor stickers.',
        },
        {
          sku: 'VIN-WALL-M2',
          name: 'Printed wall vinyl, per m²',
          price: 4_200,
          unit: 'm²',
          stock: 'low',
          blurb: 'Conformable vinyl for painted walls and brick; removable cleanly within two years.',
        },
        {
          sku: 'VIN-LTR-CUT',
          name: 'Cut vinyl lettering, per metre of text',
          price: 1_800,
          unit: 'metre',
          stock: 'plenty',
          blurb: 'Single-colour lettering in any of 60 colours, weeded and taped.',
        },
        {
          sku: 'VIN-CHALK-ROLL',
          name: 'Chalkboard vinyl roll, 1.22 × 5 m',
          price: 8_700,
          stock: 'none',
          blurb: 'Write-on, wipe-off self-adhesive chalkboard for menus and planning walls.',
          inactive: true,
        },
      ],
    },
    {
      name: 'Exhibition & Display',
      pictogram: 'box',
      colour: '#ea580c',
      details: ['Hardware with a 2-year warranty', 'Graphics reprintable on their own later', 'Transit cases included unless stated'],
      rows: [
        {
          sku: 'EXH-POP-33',
          name: 'Curved pop-up stand 3 × 3 with fabric graphic',
          price: 89_500,
          stock: 'incoming',
          blurb: 'Magnetic-bar pop-up frame with a seamless tension-fabric graphic and two spotlights.',
          gallery: true,
        },
        {
          sku: 'EXH-CTR-WRAP',
          name: 'Promotional counter with printed wrap',
          price: 24_500,
          breaks: [[2, 22_000]],
          stock: 'low',
          blurb: 'Lockable storage inside, a shelf for brochures and a full-colour wrap outside.',
        },
        {
          sku: 'EXH-LEAF-A4',
          name: 'Literature stand, 4 × A4 pockets, folding',
          price: 8_900,
          stock: 'plenty',
          blurb: 'Folds into its own bag; holds brochures up to 5 mm thick.',
        },
        {
          sku: 'EXH-TBL-6FT',
          name: 'Fitted table cover, 6 ft, printed',
          price: 13_900,
          breaks: [[3, 12_500]],
          stock: 'made-to-order',
          blurb: 'Four-sided stretch cover in washable polyester, dye-sub printed edge to edge.',
        },
        {
          sku: 'EXH-LT-SPOT',
          name: 'LED arm spotlight for pop-up frames',
          price: 3_900,
          breaks: [[4, 3_400]],
          stock: 'plenty',
          blurb: 'Clips to any of our frames; cool-running 20 W LED.',
        },
        {
          sku: 'EXH-CASE-WHL',
          name: 'Wheeled transit case, convertible to counter',
          price: 22_000,
          stock: 'low-incoming',
          blurb: 'Hard-shell case on wheels whose lid becomes a counter top with a printed wrap.',
        },
        {
          sku: 'EXH-TRADE-PKG',
          name: 'Trade account exhibition package',
          price: 150_000,
          stock: 'made-to-order',
          blurb: 'Stand, counter, banners and graphics for a 3 × 3 space, at our trade rate.',
          visibility: 'other-only',
        },
      ],
    },
    {
      name: 'Safety Signs',
      pictogram: 'panel',
      colour: '#ca8a04',
      details: ['Symbols and wording to **BS EN ISO 7010**', 'Rigid 1 mm PVC, self-adhesive vinyl or photoluminescent', 'Pre-drilled corners on rigid signs'],
      rows: [
        {
          sku: 'SAF-FIRE-EXIT',
          name: 'Fire exit sign, running man left, 300 × 150 mm',
          price: 690,
          breaks: [
            [10, 560],
            [50, 450],
          ],
          stock: 'plenty',
          blurb: 'Photoluminescent rigid PVC that glows for hours after the lights go out.',
        },
        {
          sku: 'SAF-FIRE-EXT',
          name: 'Fire extinguisher ID sign set, 5 types',
          price: 1_450,
          unit: 'set of 5',
          breaks: [[10, 1_190]],
          stock: 'plenty',
          blurb: 'Water, foam, CO₂, powder and wet chemical, colour-coded.',
        },
        {
          sku: 'SAF-PPE-A3',
          name: 'Site PPE mandatory board, A3',
          price: 2_200,
          breaks: [[5, 1_850]],
          stock: 'low',
          blurb: 'Hard hats, hi-vis, boots and gloves on one board for site entrances.',
        },
        {
          sku: 'SAF-SLIP-FLR',
          name: 'Caution wet floor stand, yellow',
          price: 1_950,
          stock: 'none',
          blurb: 'Folding A-frame with the slip symbol on both faces.',
        },
        {
          sku: 'SAF-1ST-AID',
          name: 'First aid point sign, 200 × 200 mm',
          price: 590,
          breaks: [[10, 480]],
          stock: 'plenty',
          blurb: 'Green and white, self-adhesive or rigid.',
        },
        {
          sku: 'SAF-CUSTOM-SITE',
          name: 'Custom site safety board, 1220 × 1220 mm',
          price: 16_500,
          stock: 'made-to-order',
          blurb: 'Your site rules, contacts and hazards on one board, to your principal contractor’s layout.',
          visibility: 'hidden',
        },
      ],
    },
  ];
}

/** Acme Industrial Supply: fasteners, tools, PPE and consumables for the trade, in GBP and EUR. */
function acmeCategories(): Category[] {
  return [
    {
      name: 'Fasteners',
      pictogram: 'bolt',
      colour: '#0f766e',
      details: ['Zinc-plated steel unless stated', 'Dimensions to **DIN / ISO** standards', 'Full traceability with batch certificates on request'],
      rows: [
        {
          sku: 'FX-M8-40-100',
          name: 'Hex bolt M8 × 40, grade 8.8, box of 100',
          price: 1_240,
          unit: 'box of 100',
          breaks: [
            [10, 1_080],
            [50, 940],
          ],
          stock: 'plenty',
          blurb: 'Part-threaded hexagon head bolts for structural fixing.',
          gallery: true,
        },
        {
          sku: 'FX-M10-NUT-200',
          name: 'Hex nut M10, grade 8, box of 200',
          price: 890,
          unit: 'box of 200',
          breaks: [[10, 760]],
          stock: 'plenty',
          blurb: 'Full nuts to DIN 934 for use with 8.8 bolts.',
        },
        {
          sku: 'FX-WS-5X50',
          name: 'Wood screws 5.0 × 50 mm, pozi, box of 200',
          price: 690,
          unit: 'box of 200',
          breaks: [
            [10, 590],
            [40, 520],
          ],
          stock: 'plenty',
          blurb: 'Twin-thread, yellow passivated, with a cutting point that needs no pilot hole in softwood.',
        },
        {
          sku: 'FX-ANC-M10',
          name: 'Through bolt anchor M10 × 95, box of 50',
          price: 3_250,
          unit: 'box of 50',
          breaks: [[5, 2_890]],
          stock: 'low',
          blurb: 'Heavy-duty expansion anchors for concrete, ETA approved.',
        },
        {
          sku: 'FX-SS-M6-KIT',
          name: 'Stainless A2 M6 assortment case, 600 pieces',
          price: 4_950,
          stock: 'incoming',
          blurb: 'Bolts, nuts and washers in a compartment case for the van.',
        },
        {
          sku: 'FX-RIV-4-500',
          name: 'Blind rivets 4.0 × 10 mm, aluminium, box of 500',
          price: 1_150,
          unit: 'box of 500',
          breaks: [[10, 980]],
          stock: 'plenty',
          blurb: 'Open-end domed-head rivets for sheet metal.',
        },
        {
          sku: 'FX-CHEM-410',
          name: 'Chemical anchor resin, 410 ml cartridge',
          price: 1_690,
          breaks: [[12, 1_450]],
          stock: 'none',
          blurb: 'Polyester styrene-free resin for masonry and hollow brick with sleeves.',
        },
      ],
    },
    {
      name: 'Hand Tools',
      pictogram: 'tool',
      colour: '#b91c1c',
      details: ['Chrome vanadium steel where it matters', 'Lifetime guarantee against manufacturing defects', 'Trade pricing on multiples'],
      rows: [
        {
          sku: 'HT-SPN-COMB-14',
          name: 'Combination spanner set, 14 pieces, 8–24 mm',
          price: 4_450,
          breaks: [[3, 3_990]],
          stock: 'plenty',
          blurb: '12-point ring ends at 15°, in a roll-up pouch.',
          gallery: true,
        },
        {
          sku: 'HT-SKT-1-2-24',
          name: 'Socket set 1/2" drive, 24 pieces',
          price: 6_900,
          stock: 'low',
          blurb: '72-tooth quick-release ratchet, 10–32 mm sockets and extensions in a blow-moulded case.',
        },
        {
          sku: 'HT-HAM-CLAW-16',
          name: 'Claw hammer 16 oz, fibreglass handle',
          price: 1_650,
          breaks: [[6, 1_420]],
          stock: 'plenty',
          blurb: 'Forged head, anti-vibration grip.',
        },
        { sku: 'HT-LVL-1200', name: 'Box spirit level 1200 mm', price: 2_890, stock: 'plenty', blurb: 'Three vials, accuracy 0.5 mm/m, milled base.' },
        {
          sku: 'HT-KNF-TRIM',
          name: 'Retractable trimming knife with 10 blades',
          price: 790,
          breaks: [[12, 650]],
          stock: 'plenty',
          blurb: 'Tool-free blade change and a belt clip.',
        },
        {
          sku: 'HT-PLR-SET-3',
          name: 'Pliers set, 3 pieces, VDE 1000 V',
          price: 3_650,
          stock: 'incoming',
          blurb: 'Combination, long-nose and side cutters, individually tested to 10,000 V.',
        },
        {
          sku: 'HT-TORQ-20-100',
          name: 'Torque wrench 1/2" drive, 20–100 Nm',
          price: 8_900,
          stock: 'none',
          blurb: 'Click-type with a calibration certificate.',
          visibility: 'allowed-only',
        },
      ],
    },
    {
      name: 'Power Tools',
      pictogram: 'tool',
      colour: '#1e40af',
      details: ['18 V platform: every battery fits every tool', 'Three-year warranty when registered', 'Bare units unless stated'],
      rows: [
        {
          sku: 'PT-DRL-18-KIT',
          name: '18 V combi drill kit, 2 × 4.0 Ah batteries',
          price: 18_900,
          breaks: [[3, 17_500]],
          stock: 'low-incoming',
          blurb: 'Brushless, 80 Nm, hammer mode for masonry; charger and case included.',
          gallery: true,
        },
        { sku: 'PT-IMP-18', name: '18 V impact driver, bare unit', price: 9_900, stock: 'plenty', blurb: 'Three speed settings and 180 Nm in a compact head.' },
        {
          sku: 'PT-GRD-115',
          name: 'Angle grinder 115 mm, 240 V',
          price: 5_400,
          breaks: [[4, 4_900]],
          stock: 'plenty',
          blurb: '850 W with a restart guard and tool-free guard adjustment.',
        },
        {
          sku: 'PT-SDS-26',
          name: 'SDS-plus rotary hammer 26 mm, 110 V',
          price: 16_500,
          stock: 'incoming',
          blurb: 'Site-voltage rotary hammer with a chisel function and anti-kickback clutch.',
        },
        {
          sku: 'PT-BAT-5AH',
          name: '18 V battery 5.0 Ah',
          price: 7_900,
          breaks: [[4, 7_200]],
          stock: 'low',
          blurb: 'Fuel gauge and cell protection; fits the whole 18 V range.',
        },
        {
          sku: 'PT-CIRC-190',
          name: 'Circular saw 190 mm, 110 V',
          price: 12_900,
          stock: 'none',
          blurb: 'Depth of cut 66 mm, bevel to 56°, with a 24-tooth blade.',
          visibility: 'hidden',
        },
      ],
    },
    {
      name: 'Safety & PPE',
      pictogram: 'helmet',
      colour: '#ca8a04',
      details: ['CE / UKCA marked to the standard named', 'Sizes S–XXL unless stated', 'Logo printing for orders of 25 or more'],
      rows: [
        {
          sku: 'PPE-HAT-WHT',
          name: 'Safety helmet, vented, white',
          price: 690,
          breaks: [
            [20, 560],
            [100, 480],
          ],
          stock: 'plenty',
          blurb: 'EN 397 with a six-point harness and wheel ratchet.',
        },
        {
          sku: 'PPE-HV-VEST-Y',
          name: 'Hi-vis vest, yellow, class 2',
          price: 290,
          breaks: [
            [50, 225],
            [250, 190],
          ],
          stock: 'plenty',
          blurb: 'EN ISO 20471 with an ID pocket and hook-and-loop front.',
        },
        {
          sku: 'PPE-GLV-CUT5',
          name: 'Cut-resistant gloves, level C, 12 pairs',
          price: 3_450,
          unit: '12 pairs',
          breaks: [[5, 2_990]],
          stock: 'low',
          blurb: 'Nitrile-foam palm for grip in oily conditions; touchscreen-friendly.',
        },
        {
          sku: 'PPE-GLS-CLR',
          name: 'Safety glasses, clear, anti-fog, 10 pairs',
          price: 1_990,
          unit: '10 pairs',
          stock: 'plenty',
          blurb: 'EN 166 1F wraparound lenses.',
        },
        {
          sku: 'PPE-EAR-200',
          name: 'Foam ear plugs, SNR 37, box of 200 pairs',
          price: 2_450,
          unit: 'box of 200',
          stock: 'incoming',
          blurb: 'Individually wrapped pairs for site dispensers.',
        },
        {
          sku: 'PPE-BOOT-S3',
          name: 'Safety boots S3, composite toe',
          price: 5_900,
          stock: 'low-incoming',
          blurb: 'Metal-free, waterproof and slip-resistant SRC sole.',
        },
        {
          sku: 'PPE-HARN-2PT',
          name: 'Fall-arrest harness, 2-point, with lanyard',
          price: 8_900,
          stock: 'none',
          blurb: 'EN 361 harness with an energy-absorbing lanyard to EN 355.',
          visibility: 'other-only',
        },
      ],
    },
    {
      name: 'Abrasives & Cutting',
      pictogram: 'disc',
      colour: '#4d7c0f',
      details: ['Long-life industrial grade', 'Maximum speeds marked on every disc', 'Compatible with all major brands'],
      rows: [
        {
          sku: 'AB-CUT-115-25',
          name: 'Metal cutting discs 115 × 1 mm, tin of 25',
          price: 1_850,
          unit: 'tin of 25',
          breaks: [[10, 1_590]],
          stock: 'plenty',
          blurb: 'Thin inox discs for fast, cool, burr-free cuts.',
        },
        {
          sku: 'AB-FLAP-115-60',
          name: 'Flap discs 115 mm, P60, pack of 10',
          price: 2_290,
          unit: 'pack of 10',
          stock: 'plenty',
          blurb: 'Zirconia flaps that grind and finish in one step.',
        },
        {
          sku: 'AB-DIA-230',
          name: 'Diamond blade 230 mm, general purpose',
          price: 3_490,
          breaks: [[5, 2_990]],
          stock: 'low',
          blurb: 'Segmented rim for brick, block and concrete.',
        },
        {
          sku: 'AB-SND-ROLL-120',
          name: 'Sanding roll 115 mm × 50 m, P120',
          price: 2_690,
          stock: 'none',
          blurb: 'Cloth-backed aluminium oxide for hand and block sanding.',
        },
        {
          sku: 'AB-HSS-SET-19',
          name: 'HSS drill bit set, 19 pieces, 1–10 mm',
          price: 2_190,
          breaks: [[5, 1_890]],
          stock: 'plenty',
          blurb: 'Ground flutes and a 135° split point in a metal case.',
        },
      ],
    },
    {
      name: 'Adhesives & Sealants',
      pictogram: 'bottle',
      colour: '#7c3aed',
      details: ['310 ml cartridges fit standard skeleton guns', 'Safety data sheets on request', 'Shelf life 12 months unopened'],
      rows: [
        {
          sku: 'AD-SIL-CLR',
          name: 'Sanitary silicone, clear, 310 ml',
          price: 590,
          breaks: [
            [12, 490],
            [48, 420],
          ],
          stock: 'plenty',
          blurb: 'Mould-resistant neutral cure for kitchens and bathrooms.',
        },
        {
          sku: 'AD-PU-FOAM',
          name: 'Expanding PU foam, gun grade, 750 ml',
          price: 790,
          breaks: [[12, 660]],
          stock: 'plenty',
          blurb: 'Low-expansion foam for frames and service penetrations.',
        },
        {
          sku: 'AD-GRAB-290',
          name: 'Grab adhesive, high tack, 290 ml',
          price: 690,
          breaks: [[12, 580]],
          stock: 'low',
          blurb: 'Holds heavy items instantly without propping.',
        },
        {
          sku: 'AD-FIRE-MAST',
          name: 'Intumescent fire sealant, 310 ml',
          price: 1_290,
          stock: 'incoming',
          blurb: 'Up to 4 hours fire resistance for linear gaps and penetrations.',
        },
        {
          sku: 'AD-TAPE-DUCT',
          name: 'Duct tape 50 mm × 50 m, silver, case of 24',
          price: 3_990,
          unit: 'case of 24',
          stock: 'plenty',
          blurb: 'Cloth-reinforced and hand-tearable.',
        },
      ],
    },
    {
      name: 'Electrical',
      pictogram: 'cable',
      colour: '#0369a1',
      details: ['BASEC-approved cable', 'Sold by the drum; cut lengths on request', 'Next-day delivery on stock items'],
      rows: [
        {
          sku: 'EL-TWE-25-100',
          name: 'Twin & earth cable 2.5 mm², 100 m drum',
          price: 8_900,
          breaks: [[5, 8_200]],
          stock: 'plenty',
          blurb: '6242Y grey PVC for ring mains and radials.',
        },
        {
          sku: 'EL-ARM-3C-25',
          name: 'SWA armoured cable 3 core 2.5 mm², per metre',
          price: 290,
          unit: 'metre',
          breaks: [
            [50, 245],
            [100, 215],
          ],
          stock: 'low',
          blurb: '6943X steel wire armoured for outdoor and buried runs.',
        },
        {
          sku: 'EL-EXT-110-14',
          name: 'Site extension lead, 110 V, 14 m',
          price: 3_450,
          stock: 'none',
          blurb: 'Yellow arctic cable on a free-standing reel with 16 A plugs.',
        },
        {
          sku: 'EL-CU-10WAY',
          name: 'Consumer unit, 10-way dual RCD, populated',
          price: 11_900,
          stock: 'incoming',
          blurb: 'Metal enclosure to Amendment 3 with 10 MCBs.',
          visibility: 'hidden',
        },
      ],
    },
  ];
}

/** EUR prices: Acme's own list, about 1.17 euros to the pound, rounded to the next 10 cents. */
const acmeEur = (gbp: number) => Math.ceil((gbp * 1.17) / 10) * 10;

/**
 * The catalogue of a demo tenant. `anchor` is the seed's day (incoming stock is due a week
 * or two later); `companies` names the company products are listed to.
 */
export function demoCatalogueOf(tenant: { id: string }, anchor: string, companies: DemoCatalogueCompanies): DemoCatalogue {
  return tenant.id === 'acme' ? build('acme', acmeCategories(), companies, anchor, acmeEur) : build('bl', brightlineCategories(), companies, anchor);
}
