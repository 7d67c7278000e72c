import fs from 'node:fs';
import { createRequire } from 'node:module';
import { geoCentroid, geoEqualEarth, geoPath, geoStream, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { countryCodeOfNumeric } from '../i18n/countries.ts';
import { html, trustedHtml, type SafeHtml } from './html.ts';

/**
 * A world map drawn on the server as SVG from Natural Earth's 1:110m shapes (the `world-atlas`
 * package): the land as one light shape, then each country of the list as a link, coloured by a
 * class (a pathfinder country's stage, an indicator's value). No script: every country is a link
 * that the keyboard reaches in the order of the list, with its accessible name (the country and
 * what the map says of it).
 */
export const MAP_WIDTH = 640;
export const MAP_HEIGHT = 314;

const require = createRequire(import.meta.url);

interface Shapes {
  projection: GeoProjection;
  land: string;
  countries: Map<string, Feature>;
}

let shapes: Shapes | undefined;

function readTopology(file: string): Topology {
  return JSON.parse(fs.readFileSync(require.resolve(`world-atlas/${file}`), 'utf8')) as Topology;
}

/** Read once, on the first map drawn. */
function loadShapes(): Shapes {
  if (shapes) return shapes;
  const landTopology = readTopology('land-110m.json');
  const land: Feature | FeatureCollection = feature(landTopology, landTopology.objects.land!);
  const countriesTopology = readTopology('countries-110m.json');
  const collection = feature(countriesTopology, countriesTopology.objects.countries!) as FeatureCollection;
  const projection = geoEqualEarth().fitSize([MAP_WIDTH, MAP_HEIGHT], land);
  const countries = new Map<string, Feature>();
  for (const shape of collection.features) {
    const iso3 = shape.id === undefined ? null : countryCodeOfNumeric(String(shape.id));
    if (iso3) countries.set(iso3, shape);
  }
  shapes = { projection, land: pathData(projection, land), countries };
  return shapes;
}

/**
 * SVG path data of a shape in relative moves. The land is drawn in whole pixels with the points
 * closer than two pixels to the last one left out (a map the size of a phone screen loses nothing
 * it could show, and the land weighs about 3 kB compressed); a country of a short list (the
 * pathfinder countries) to a tenth of a pixel, so that a small one keeps its shape.
 */
function pathData(projection: GeoProjection, shape: Parameters<typeof geoStream>[0], detailed = false): string {
  const scale = detailed ? 10 : 1;
  const minStep = detailed ? 1 : 2;
  const text = (value: number) => String(value / scale);
  let out = '';
  let last: [number, number] | null = null;
  let starting = true;
  const sink = {
    point(x: number, y: number) {
      const point: [number, number] = [Math.round(x * scale), Math.round(y * scale)];
      if (starting || !last) {
        out += `M${text(point[0])} ${text(point[1])}`;
        starting = false;
        last = point;
        return;
      }
      const dx = point[0] - last[0];
      const dy = point[1] - last[1];
      if (Math.abs(dx) + Math.abs(dy) < minStep) return;
      out += `l${text(dx)} ${text(dy)}`;
      last = point;
    },
    lineStart() {
      starting = true;
    },
    lineEnd() {
      out += 'z';
    },
    polygonStart() {},
    polygonEnd() {},
    sphere() {},
  };
  geoStream(shape, projection.stream(sink));
  return out;
}

export interface MapCountry {
  iso3: string;
  href: string;
  /** The link's accessible name: the country and what the map says of it. */
  label: string;
  /** The class of its colour (a group of stages, a class of values). */
  colour: string;
}

/**
 * The map: a titled, described SVG figure whose countries are links. `detailed: false` draws them
 * as coarsely as the land, for a map of every country (an indicator's).
 */
export function renderWorldMap(input: {
  title: string;
  description: string;
  countries: readonly MapCountry[];
  /** Prefix of the ids of its title and description (several maps on one page). */
  id?: string;
  detailed?: boolean;
  className?: string;
}): SafeHtml {
  const { projection, land, countries } = loadShapes();
  const id = input.id ?? 'map';
  const links = input.countries.map((country) => {
    const shape = countries.get(country.iso3);
    if (!shape) return '';
    const data = pathData(projection, shape, input.detailed ?? true);
    // A country too small to find on a phone also gets a dot.
    const [x, y] = projection(geoCentroid(shape)) ?? [0, 0];
    const small = geoPath(projection).area(shape) < 60;
    return html`<a href="${country.href}" aria-label="${country.label}" class="${country.colour}"><path d="${trustedHtml(data)}"/>${
      small ? html`<circle cx="${Math.round(x)}" cy="${Math.round(y)}" r="6"/>` : ''
    }</a>`;
  });
  return html`<svg class="world-map${input.className ? ` ${input.className}` : ''}" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" role="group" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${input.title}</title><desc id="${id}-desc">${input.description}</desc>
<path class="land" aria-hidden="true" d="${trustedHtml(land)}"/>
${links}
</svg>`;
}
