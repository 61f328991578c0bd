import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { createProduct } from '../../../test/catalogue.ts';
import { createClient, createOrder } from '../../../test/orders.ts';

/** The luminance of a PNG, turned a quarter clockwise `turns` times. */
function luminance(buffer: Buffer, turns: number) {
  const png = PNG.sync.read(buffer);
  let width = png.width;
  let height = png.height;
  let pixels = new Uint8ClampedArray(width * height);
  for (let i = 0; i < pixels.length; i += 1) {
    const r = png.data[i * 4]!;
    const g = png.data[i * 4 + 1]!;
    const b = png.data[i * 4 + 2]!;
    pixels[i] = (r * 299 + g * 587 + b * 114) / 1000;
  }
  for (let t = 0; t < turns; t += 1) {
    const turned = new Uint8ClampedArray(pixels.length);
    for (let y = 0; y < height; y += 1)
      for (let x = 0; x < width; x += 1)
        turned[x * height + (height - 1 - y)] = pixels[y * width + x]!;
    pixels = turned;
    [width, height] = [height, width];
  }
  return { pixels, width, height };
}

/**
 * What a phone camera would read: @zxing/library on the API's own PNG, held as a person may
 * hold the phone (each quarter turn). zxing's detector misses about 2 % of perfectly sharp
 * generated codes held one way (19 of 900 addresses upright, 17 a quarter turn; a camera's blur
 * and angle change from frame to frame), rarely the same ones (2 of 900 missed both ways and at
 * half size). The client codes are random, so a single way made this test fail now and then.
 */
function decodePng(buffer: Buffer): string {
  let failure: unknown;
  for (let turns = 0; turns < 4; turns += 1) {
    const { pixels, width, height } = luminance(buffer, turns);
    try {
      return new QRCodeReader()
        .decode(
          new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(pixels, width, height))),
        )
        .getText();
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
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
