// Every rule, in one list. A rule's file name is its id.

import { rule as PL101 } from './PL101';
import { rule as PL102 } from './PL102';
import { rule as PL103 } from './PL103';
import { rule as PL104 } from './PL104';
import { rule as PL105 } from './PL105';
import { rule as PL106 } from './PL106';
import { rule as PL201 } from './PL201';
import { rule as PL202 } from './PL202';
import { rule as PL203 } from './PL203';
import { rule as PL204 } from './PL204';
import { rule as PL301 } from './PL301';
import { rule as PL302 } from './PL302';
import { rule as PL303 } from './PL303';
import { rule as PL304 } from './PL304';
import { rule as PL305 } from './PL305';
import { rule as PL306 } from './PL306';
import { rule as PL401 } from './PL401';
import { rule as PL402 } from './PL402';
import { rule as PL403 } from './PL403';
import { rule as PL404 } from './PL404';
import { rule as PL405 } from './PL405';
import { rule as PL406 } from './PL406';
import { rule as PL407 } from './PL407';
import { rule as PL408 } from './PL408';
import { rule as PL409 } from './PL409';
import { rule as PL410 } from './PL410';
import { rule as PL501 } from './PL501';
import { rule as PL502 } from './PL502';
import { rule as PL503 } from './PL503';
import { rule as PL601 } from './PL601';
import { rule as PL602 } from './PL602';
import { rule as PL603 } from './PL603';
import { rule as PL604 } from './PL604';
import { rule as PL605 } from './PL605';
import { rule as PL606 } from './PL606';
import { rule as PL607 } from './PL607';
import { rule as PL608 } from './PL608';
import { rule as PL609 } from './PL609';
import { rule as PL610 } from './PL610';
import { rule as PL701 } from './PL701';
import { rule as PL702 } from './PL702';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [
  PL101,
  PL102,
  PL103,
  PL104,
  PL105,
  PL106,
  PL201,
  PL202,
  PL203,
  PL204,
  PL301,
  PL302,
  PL303,
  PL304,
  PL305,
  PL306,
  PL401,
  PL402,
  PL403,
  PL404,
  PL405,
  PL406,
  PL407,
  PL408,
  PL409,
  PL410,
  PL501,
  PL502,
  PL503,
  PL601,
  PL602,
  PL603,
  PL604,
  PL605,
  PL606,
  PL607,
  PL608,
  PL609,
  PL610,
  PL701,
  PL702,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));
