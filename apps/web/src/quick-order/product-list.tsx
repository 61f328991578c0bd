import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PublicProduct } from '@gestco/contract';
import type { Cart } from './cart';
import { QuantityStepper } from './quantity-stepper';
import { useTranslator } from './translator';

/**
 * Cards rendered at first, and added each time the end of the list nears the
 * screen: a catalogue of a thousand products would otherwise cost a phone a
 * long first render.
 */
const BATCH = 30;

/** Lower case, accents off: "creme" finds "Crème". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function searchText(product: PublicProduct): string {
  return fold(
    [
      product.name,
      product.sku,
      product.category ?? '',
      product.description ?? '',
      ...product.specs.map((spec) => spec.value),
    ].join(' '),
  );
}

export function ProductList({
  products,
  categories,
  cart,
  format,
}: {
  products: PublicProduct[];
  categories: string[];
  cart: Cart;
  format: (minor: number) => string;
}) {
  const { t, tc } = useTranslator();
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  // Typing stays smooth with a thousand cards: the list catches up a frame later.
  const deferredQuery = useDeferredValue(query);
  const indexed = useMemo(
    () => products.map((product) => ({ product, text: searchText(product) })),
    [products],
  );
  const shown = useMemo(() => {
    const words = fold(deferredQuery).split(/\s+/).filter(Boolean);
    return indexed
      .filter(
        ({ product, text }) =>
          (category === null || product.category === category) &&
          words.every((word) => text.includes(word)),
      )
      .map(({ product }) => product);
  }, [indexed, deferredQuery, category]);
  // A new search or category starts again from the first batch.
  const filterKey = `${category ?? ''}\u0000${deferredQuery}`;
  const [batch, setBatch] = useState({ filterKey, limit: BATCH });
  const limit = batch.filterKey === filterKey ? batch.limit : BATCH;
  const remaining = Math.max(shown.length - limit, 0);
  const showMore = () => setBatch({ filterKey, limit: limit + BATCH });

  if (products.length === 0) return <p className="qo-empty">{t('noProducts')}</p>;

  return (
    <section className="qo-catalogue">
      <div role="search" className="qo-search">
        <label htmlFor={searchId} className="qo-label">
          {t('search')}
        </label>
        <input
          id={searchId}
          className="qo-input"
          type="search"
          autoComplete="off"
          enterKeyHint="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      {categories.length > 1 && (
        <div className="qo-chips" role="group" aria-label={t('categories')}>
          {[null, ...categories].map((name) => (
            <button
              key={name ?? ''}
              type="button"
              className="qo-chip"
              aria-pressed={category === name}
              onClick={() => setCategory(name)}
            >
              {name ?? t('allCategories')}
            </button>
          ))}
        </div>
      )}
      <p className="qo-count" aria-live="polite">
        {shown.length === 0 ? t('noResults') : tc('productsFound', shown.length)}
      </p>
      <ul className="qo-products">
        {shown.slice(0, limit).map((product) => (
          <ProductCard
            key={product.id}
            product={product}
            quantity={cart.quantityOf(product.id)}
            canAdd={!cart.isFull}
            onQuantity={(quantity) => cart.setQuantity(product.id, quantity)}
            format={format}
          />
        ))}
      </ul>
      {remaining > 0 && <ShowMore remaining={remaining} onShow={showMore} />}
    </section>
  );
}

/** A button for keyboards and screen readers, pressed by itself when it scrolls into view. */
function ShowMore({ remaining, onShow }: { remaining: number; onShow: () => void }) {
  const { tc } = useTranslator();
  const ref = useRef<HTMLButtonElement>(null);
  const onShowRef = useRef(onShow);
  useEffect(() => {
    onShowRef.current = onShow;
  });
  useEffect(() => {
    const button = ref.current;
    if (!button || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) onShowRef.current();
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(button);
    return () => observer.disconnect();
  }, [remaining]);
  return (
    <button ref={ref} type="button" className="qo-button qo-button--wide qo-more" onClick={onShow}>
      {tc('showMore', remaining)}
    </button>
  );
}

function ProductCard({
  product,
  quantity,
  canAdd,
  onQuantity,
  format,
}: {
  product: PublicProduct;
  quantity: number;
  canAdd: boolean;
  onQuantity: (quantity: number) => void;
  format: (minor: number) => string;
}) {
  const { t } = useTranslator();
  const nameId = useId();
  const specs = product.specs
    .map((spec) =>
      t('spec', { name: spec.name, value: spec.unit ? `${spec.value} ${spec.unit}` : spec.value }),
    )
    .join(' · ');
  return (
    <li className={quantity > 0 ? 'qo-product qo-product--chosen' : 'qo-product'}>
      <article aria-labelledby={nameId}>
        {product.imageUrl && (
          <img
            className="qo-product__image"
            src={product.imageUrl}
            alt=""
            width={72}
            height={72}
            loading="lazy"
            decoding="async"
            referrerPolicy="no-referrer"
          />
        )}
        <h2 id={nameId} className="qo-product__name">
          {product.name}
        </h2>
        <p className="qo-muted">
          {t('sku', { sku: product.sku })}
          {product.category && ` · ${product.category}`}
        </p>
        {specs && <p className="qo-product__specs">{specs}</p>}
        {product.description && <p className="qo-product__description">{product.description}</p>}
        <p className={`qo-availability qo-availability--${product.availability}`}>
          {t(product.availability)}
        </p>
        <p className="qo-price">
          <strong className="qo-price__now">{format(product.price)}</strong>
          {product.price < product.listPrice && (
            <>
              {' '}
              <span className="qo-visually-hidden">{t('insteadOf')} </span>
              <s className="qo-price__list">{format(product.listPrice)}</s>
            </>
          )}{' '}
          <span className="qo-muted">{t('perUnit', { unit: product.salesUnit })}</span>
        </p>
        <QuantityStepper
          name={product.name}
          quantity={quantity}
          canAdd={canAdd}
          onChange={onQuantity}
        />
      </article>
    </li>
  );
}
