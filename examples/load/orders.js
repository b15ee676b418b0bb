// k6 load test of `orders serve` on loopback (regen-load.sh starts the server and k6).
// Two scenarios, bounded in VUs and duration; requests are tagged by route.
import http from 'k6/http';
import { check } from 'k6';

const BASE = __ENV.ORDERS_URL || 'http://127.0.0.1:18080';
const SKUS = ['BK-1:2@12.50', 'PEN-9:40@0.99', 'GIFT-1:12@5.00', 'BK-7:1@34.00', 'MUG-3:6@7.25'];

export const options = {
  scenarios: {
    orders: { executor: 'constant-vus', vus: 4, duration: __ENV.DURATION || '40s', exec: 'order' },
    summary: { executor: 'constant-arrival-rate', rate: 5, timeUnit: '1s', duration: __ENV.DURATION || '40s',
               preAllocatedVUs: 1, maxVUs: 2, exec: 'summary' },
  },
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
  // sub-metrics per tag and scenario appear in the summary only when a threshold names them
  thresholds: {
    'http_req_duration{route:/orders}': ['p(95)<250'],
    'http_req_duration{route:/summary}': ['p(95)<250'],
    'http_req_duration{scenario:orders}': ['p(99)<500'],
    'checks': ['rate>0.99'],
  },
};

let n = 0;
export function order() {
  n++;
  const items = [];
  for (let j = 0; j <= n % SKUS.length; j++) items.push(SKUS[(n + j) % SKUS.length]);
  const line = `id=${__VU * 1000000 + n};customer=c${n % 37}${n % 5 === 0 ? ';coupon=SPRING10' : ''};items=${items.join(',')}`;
  const res = http.post(`${BASE}/orders`, line, { tags: { route: '/orders' } });
  check(res, { 'priced': (r) => r.status === 200 });
}

export function summary() {
  const res = http.get(`${BASE}/summary`, { tags: { route: '/summary' } });
  check(res, { 'summary ok': (r) => r.status === 200 });
}

export function handleSummary(data) {
  return { [__ENV.SUMMARY_JSON || 'k6-handle-summary.json']: JSON.stringify(data, null, 2) };
}
