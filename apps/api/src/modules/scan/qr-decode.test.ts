import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { createProduct } from '../../../test/catalogue.ts';
import { createClient, createOrder } from '../../../test/orders.ts';

/** What a phone camera would read: @zxing/library on the API's own PNG. */
function decodePng(buffer: Buffer): string {
  const png = PNG.sync.read(buffer);
  const luminances = new Uint8ClampedArray(png.width * png.height);
  for (let i = 0; i < luminances.length; i += 1) {
    const r = png.data[i * 4]!;
    const g = png.data[i * 4 + 1]!;
    const b = png.data[i * 4 + 2]!;
    luminances[i] = (r * 299 + g * 587 + b * 114) / 1000;
  }
  const reader = new QRCodeReader();
  const bitmap = new BinaryBitmap(
    new HybridBinarizer(new RGBLuminanceSource(luminances, png.width, png.height)),
  );
  return reader.decode(bitmap).getText();
}

let ctx: TestContext;
let operator: TestUser;
let manager: TestUser;

beforeAll(async () => {
  ctx = await createTestContext({ PUBLIC_URL: 'https://desk.example.fr' });
  operator = await ctx.createUser('operator');
  manager = await ctx.createUser('manager');
});
afterAll(() => ctx.close());

describe('flashcode PNGs decode back to their exact URL', () => {
  it('client QR', async () => {
    const client = await createClient(ctx, operator.token);
    const res = await ctx.inject({
      method: 'GET',
      url: `/api/v1/clients/${client.id}/qr.png`,
      token: operator.token,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(decodePng(res.rawPayload)).toBe(
      `https://desk.example.fr/s/c/${client['code'] as string}`,
    );
  });

  it('order QR, at a small size too', async () => {
    const client = await createClient(ctx, operator.token);
    const product = await createProduct(ctx, manager.token);
    const order = await createOrder(ctx, operator.token, {
      clientId: client.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    for (const size of [512, 160]) {
      const res = await ctx.inject({
        method: 'GET',
        url: `/api/v1/orders/${order.id}/qr.png?size=${size}`,
        token: operator.token,
      });
      expect(res.statusCode).toBe(200);
      expect(PNG.sync.read(res.rawPayload).width).toBe(size);
      expect(decodePng(res.rawPayload)).toBe(`https://desk.example.fr/s/o/${order.reference}`);
    }
  });
});
