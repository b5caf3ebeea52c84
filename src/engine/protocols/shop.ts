// The laptop shop of the stateless note: ask the price, order a quantity, pay.
import type { Context, Params } from '../model';
import { withParticle } from '../korean';
import { lazy, say, type Text } from '../text';
import { NO_STEPS, type ConversationProtocol, type ServeInput, type ServeResult } from './protocol';

// Maps, not object literals: an item called "constructor" or "__proto__" is not for sale.
const catalogue: ReadonlyMap<string, { readonly price: number; readonly ko: string }> = new Map([
  ['laptop', { price: 1_000_000, ko: '노트북' }],
  ['monitor', { price: 300_000, ko: '모니터' }],
  ['keyboard', { price: 80_000, ko: '키보드' }],
  ['mouse', { price: 30_000, ko: '마우스' }],
]);

function itemKo(item: string): string {
  return catalogue.get(item)?.ko ?? item;
}

/** 1234567 → "1,234,567" (toLocaleString is slow in a hot loop). */
function grouped(amount: number): string {
  const digits = String(amount);
  let text = '';
  for (let index = 0; index < digits.length; index++) {
    if (index > 0 && (digits.length - index) % 3 === 0) text += ',';
    text += digits[index] ?? '';
  }
  return text;
}

function won(amount: number): Text {
  const man = amount / 10_000;
  return say(`${grouped(amount)} won`, Number.isInteger(man) ? `${grouped(man)}만원` : `${grouped(amount)}원`);
}

/** "1 monitor", "2 laptops". */
function pieces(quantity: number, item: string): string {
  return `${quantity} ${quantity === 1 ? item : `${item}s`}`;
}

function methodText(method: string): Text {
  return method === 'card' ? say('by card', '신용카드로') : say('in cash', '현금으로');
}

const fieldNames: ReadonlyMap<string, Text> = new Map([
  ['item', say('Item', '상품')],
  ['unitPrice', say('Unit price', '단가')],
  ['quantity', say('Quantity', '수량')],
  ['method', say('Payment method', '결제 수단')],
]);

/** ( 노트북, 100만원, 2개, 신용카드 상태 유지 ): the values the clerk keeps, as the stateless note writes them. */
function describeState(context: Context, inToken = false): Text {
  return lazy(() => {
    const en: string[] = [];
    const ko: string[] = [];
    const { item, unitPrice, quantity, method } = context;
    if (item !== undefined) {
      en.push(String(item));
      ko.push(itemKo(String(item)));
    }
    if (typeof unitPrice === 'number') {
      const price = won(unitPrice);
      en.push(price.en);
      ko.push(price.ko);
    }
    if (quantity !== undefined) {
      en.push(`${String(quantity)}\u00a0pcs`);
      ko.push(`${String(quantity)}개`);
    }
    if (method !== undefined) {
      en.push(method === 'card' ? 'card' : 'cash');
      ko.push(method === 'card' ? '신용카드' : '현금');
    }
    // No-break spaces keep "상태 유지" and the brackets on one line when a diagram wraps the note.
    if (inToken) return say(`(\u00a0${en.join(', ')}: in\u00a0the\u00a0token\u00a0)`, `(\u00a0${ko.join(', ')}: 토큰에\u00a0담김\u00a0)`);
    return say(`(\u00a0${en.join(', ')}: state\u00a0kept\u00a0)`, `(\u00a0${ko.join(', ')} 상태\u00a0유지\u00a0)`);
  });
}

function label(request: string, params: Params, carried: Context | undefined): Text {
  return lazy(() => labelNow(request, params, carried));
}

function labelNow(request: string, params: Params, carried: Context | undefined): Text {
  const item = String(params['item'] ?? carried?.['item'] ?? '');
  const quantity = Number(params['quantity'] ?? carried?.['quantity'] ?? 0);
  const repeats = carried !== undefined && Object.keys(carried).length > 0;
  switch (request) {
    case 'price':
      return say(`How much is this ${item}?`, `이 ${itemKo(item)} 얼마인가요?`);
    case 'order':
      return repeats && carried['item'] !== undefined
        ? say(`I'll buy ${pieces(quantity, item)}.`, `${itemKo(String(carried['item']))} ${quantity}개 구매하겠습니다.`)
        : say(`I'll buy ${quantity}.`, `${quantity}개 구매하겠습니다.`);
    case 'pay': {
      const method = methodText(String(params['method']));
      return repeats && carried['item'] !== undefined && carried['quantity'] !== undefined
        ? say(`${pieces(Number(carried['quantity']), String(carried['item']))}, ${method.en}.`, `${itemKo(String(carried['item']))} ${String(carried['quantity'])}개를 ${method.ko} 구매하겠습니다.`)
        : say(`I'll pay ${method.en}.`, `${method.ko} 구매하겠습니다.`);
    }
    default:
      return say(request, request);
  }
}

/** What a clerk who lost the thread does not know. */
const LACKS_ITEM = say('what to sell', '무엇을 살지');
const LACKS_ORDER = say('which product or how many', '무슨 제품을 몇 개 살지');
const LACKS_QUANTITY = say('how many', '몇 개 살지');

function serve({ request, params, context, carried }: ServeInput): ServeResult {
  switch (request) {
    case 'price': {
      const item = String(params['item']);
      const entry = catalogue.get(item);
      if (entry === undefined) {
        return { ok: false, steps: NO_STEPS, missingState: false, reply: say(`We do not sell "${item}".`, `${withParticle(`"${item}"`, '은/는')} 팔지 않습니다.`) };
      }
      const reply = lazy(() => {
        const price = won(entry.price);
        return say(`That is ${price.en}.`, `${price.ko} 입니다.`);
      });
      return { ok: true, steps: NO_STEPS, context: { item, unitPrice: entry.price }, reply };
    }
    case 'order': {
      const quantity = Number(params['quantity']);
      const item = context['item'];
      const unitPrice = context['unitPrice'];
      if (item === undefined || typeof unitPrice !== 'number') {
        return { ok: false, steps: NO_STEPS, missingState: true, lacks: LACKS_ITEM, reply: say(`? ${quantity} of what?`, `? 무엇을 ${quantity}개 구매하시겠어요?`) };
      }
      const reply = lazy(() => {
        const total = won(unitPrice * quantity);
        return carried
        ? say(`${pieces(quantity, String(item))} ${quantity === 1 ? 'is' : 'are'} ${total.en}. Card or cash?`, `${itemKo(String(item))} ${quantity}개는 ${total.ko} 입니다. 신용카드, 현금 중에 어떤걸로 구매 하시겠어요?`)
        : say(`That is ${total.en}. Card or cash?`, `${total.ko} 입니다. 신용카드, 현금 중에 어떤 걸로 구매 하시겠어요?`);
      });
      return { ok: true, steps: NO_STEPS, context: { item, unitPrice, quantity }, reply };
    }
    case 'pay': {
      const method = String(params['method']);
      const { item, unitPrice, quantity } = context;
      if (item === undefined || typeof unitPrice !== 'number' || typeof quantity !== 'number') {
        return { ok: false, steps: NO_STEPS, missingState: true, lacks: item === undefined ? LACKS_ORDER : LACKS_QUANTITY, reply: say(`? Which product, how many, ${methodText(method).en}?`, `? 무슨 제품을 몇개 ${methodText(method).ko} 구매하시겠어요?`) };
      }
      const reply = lazy(() => {
        const total = won(unitPrice * quantity);
        return say(`Paid ${total.en} ${methodText(method).en}.`, `${total.ko} 결제 완료되었습니다.`);
      });
      return { ok: true, steps: NO_STEPS, context: { item, unitPrice, quantity, method }, reply };
    }
    default:
      return { ok: false, steps: NO_STEPS, missingState: false, reply: say(`Unknown request ${request}`, `알 수 없는 요청 ${request}`) };
  }
}

export const shopProtocol: ConversationProtocol = {
  name: 'shop',
  requests: [
    { name: 'price', method: 'GET', description: say('Ask the price of an item', '상품 가격 묻기'), params: [{ name: 'item', type: 'string', example: 'laptop', values: [...catalogue.keys()], description: say('What to ask about', '물어볼 상품') }] },
    { name: 'order', description: say('Order a quantity of the item', '상품을 몇 개 주문하기'), params: [{ name: 'quantity', type: 'integer', example: 2, description: say('How many', '몇 개') }] },
    { name: 'pay', description: say('Pay for the order', '결제하기'), params: [{ name: 'method', type: 'string', example: 'card', values: ['card', 'cash'], description: say('Card or cash', '신용카드 또는 현금') }] },
  ],
  requestLabel: label,
  serve,
  fieldName: (field) => fieldNames.get(field) ?? say(field, field),
  describeState,
};
