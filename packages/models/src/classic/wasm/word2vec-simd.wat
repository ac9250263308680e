;; SIMD kernels for word2vec (f32x4). Hand-written; assembled by make-wasm.mjs into
;; ../word2vec-simd-wasm.ts. All pointers are byte offsets into the imported shared memory;
;; vectors have d floats with d % 4 == 0 and start 16-byte aligned.
(module
  (import "env" "mem" (memory 1 65536 shared))

  ;; Negative-sampling update for one input vector `in` against `count` targets (targets[0] is the
  ;; positive, label 1; the rest label 0), exactly word2vec.c's loop:
  ;;   f = in·syn1[t]; g = (label − σ(f))·alpha (σ tabulated, clipped at ±6)
  ;;   neu1e += g·syn1[t]; syn1[t] += g·in
  ;; neu1e is zeroed first; f of each target is written to fout (for the optional loss).
  ;; A negative target id (−1) is skipped: a negative sample that hit the positive word.
  ;; With $apply ≠ 0 the input vector is updated at the end: in += neu1e (skip-gram).
  (func $negUpdate (export "negUpdate")
    (param $in i32) (param $syn1 i32) (param $tg i32) (param $count i32) (param $d i32)
    (param $alpha f32) (param $e i32) (param $exp i32) (param $fout i32) (param $apply i32)
    (local $k i32) (local $t i32) (local $l2 i32) (local $j i32) (local $bytes i32) (local $bytes2 i32)
    (local $acc v128) (local $acc2 v128) (local $o v128) (local $gv v128)
    (local $f f32) (local $g f32) (local $label f32)
    (local.set $bytes (i32.shl (local.get $d) (i32.const 2)))
    ;; the dot product runs two accumulators over 32-byte steps, then one 16-byte tail
    (local.set $bytes2 (i32.and (local.get $bytes) (i32.const -32)))
    (local.set $j (i32.const 0))
    (block $zb (loop $zl
      (br_if $zb (i32.ge_u (local.get $j) (local.get $bytes)))
      (v128.store (i32.add (local.get $e) (local.get $j)) (v128.const i32x4 0 0 0 0))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $zl)))
    (local.set $k (i32.const 0))
    (block $kb (loop $kl
      (br_if $kb (i32.ge_u (local.get $k) (local.get $count)))
      (block $skip
      (local.set $t (i32.load (i32.add (local.get $tg) (i32.shl (local.get $k) (i32.const 2)))))
      (br_if $skip (i32.lt_s (local.get $t) (i32.const 0)))
      (local.set $l2 (i32.add (local.get $syn1) (i32.mul (local.get $t) (local.get $bytes))))
      (local.set $acc (v128.const i32x4 0 0 0 0))
      (local.set $acc2 (v128.const i32x4 0 0 0 0))
      (local.set $j (i32.const 0))
      (block $db (loop $dl
        (br_if $db (i32.ge_u (local.get $j) (local.get $bytes2)))
        (local.set $acc (f32x4.add (local.get $acc)
          (f32x4.mul (v128.load (i32.add (local.get $in) (local.get $j)))
                     (v128.load (i32.add (local.get $l2) (local.get $j))))))
        (local.set $acc2 (f32x4.add (local.get $acc2)
          (f32x4.mul (v128.load offset=16 (i32.add (local.get $in) (local.get $j)))
                     (v128.load offset=16 (i32.add (local.get $l2) (local.get $j))))))
        (local.set $j (i32.add (local.get $j) (i32.const 32)))
        (br $dl)))
      (if (i32.lt_u (local.get $j) (local.get $bytes))
        (then (local.set $acc (f32x4.add (local.get $acc)
          (f32x4.mul (v128.load (i32.add (local.get $in) (local.get $j)))
                     (v128.load (i32.add (local.get $l2) (local.get $j))))))))
      (local.set $acc (f32x4.add (local.get $acc) (local.get $acc2)))
      (local.set $f (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
        (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))
      (f32.store (i32.add (local.get $fout) (i32.shl (local.get $k) (i32.const 2))) (local.get $f))
      (local.set $label (select (f32.const 1) (f32.const 0) (i32.eqz (local.get $k))))
      (if (f32.gt (local.get $f) (f32.const 6))
        (then (local.set $g (f32.sub (local.get $label) (f32.const 1))))
        (else
          (if (f32.lt (local.get $f) (f32.const -6))
            (then (local.set $g (local.get $label)))
            (else (local.set $g (f32.sub (local.get $label)
              (f32.load (i32.add (local.get $exp)
                (i32.shl (i32.trunc_f32_s (f32.mul (f32.add (local.get $f) (f32.const 6)) (f32.const 83.33333333333333)))
                         (i32.const 2))))))))))
      (local.set $gv (f32x4.splat (f32.mul (local.get $g) (local.get $alpha))))
      (local.set $j (i32.const 0))
      (block $ub (loop $ul
        (br_if $ub (i32.ge_u (local.get $j) (local.get $bytes)))
        (local.set $o (v128.load (i32.add (local.get $l2) (local.get $j))))
        (v128.store (i32.add (local.get $e) (local.get $j))
          (f32x4.add (v128.load (i32.add (local.get $e) (local.get $j))) (f32x4.mul (local.get $gv) (local.get $o))))
        (v128.store (i32.add (local.get $l2) (local.get $j))
          (f32x4.add (local.get $o) (f32x4.mul (local.get $gv) (v128.load (i32.add (local.get $in) (local.get $j))))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $ul))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $kl)))
    (if (local.get $apply) (then (call $vadd (local.get $in) (local.get $e) (local.get $d)))))

;; All skip-gram pairs of one position: for each of the `nctx` context rows (byte offsets at
  ;; ctx[0..nctx)), negUpdate with that row as input against its `per` targets at tg + c·per·4
  ;; (first the positive word, then the negatives), applying neu1e to the row — in order, exactly
  ;; the sequence of per-pair calls, in one call from JavaScript.
  (func (export "sgWord")
    (param $ctx i32) (param $nctx i32) (param $syn1 i32) (param $tg i32) (param $per i32)
    (param $d i32) (param $alpha f32) (param $e i32) (param $exp i32) (param $fout i32)
    (local $c i32) (local $stride i32)
    (local.set $stride (i32.shl (local.get $per) (i32.const 2)))
    (block $b (loop $l
      (br_if $b (i32.ge_u (local.get $c) (local.get $nctx)))
      (call $negUpdate
        (i32.load (i32.add (local.get $ctx) (i32.shl (local.get $c) (i32.const 2))))
        (local.get $syn1)
        (i32.add (local.get $tg) (i32.mul (local.get $c) (local.get $stride)))
        (local.get $per) (local.get $d) (local.get $alpha) (local.get $e) (local.get $exp)
        (i32.add (local.get $fout) (i32.mul (local.get $c) (local.get $stride)))
        (i32.const 1))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $l))))

  ;; One CBOW step: neu1 = mean of the `cw` context rows (byte offsets at ctx[0..cw)), the
  ;; negative-sampling update with neu1 as input, then every context row += neu1e (word2vec.c).
  (func (export "cbowStep")
    (param $ctx i32) (param $cw i32) (param $neu1 i32) (param $syn1 i32) (param $tg i32) (param $count i32)
    (param $d i32) (param $alpha f32) (param $e i32) (param $exp i32) (param $fout i32)
    (local $c i32) (local $j i32) (local $bytes i32)
    (local.set $bytes (i32.shl (local.get $d) (i32.const 2)))
    (block $zb (loop $zl
      (br_if $zb (i32.ge_u (local.get $j) (local.get $bytes)))
      (v128.store (i32.add (local.get $neu1) (local.get $j)) (v128.const i32x4 0 0 0 0))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $zl)))
    (block $ab (loop $al
      (br_if $ab (i32.ge_u (local.get $c) (local.get $cw)))
      (call $vadd (local.get $neu1) (i32.load (i32.add (local.get $ctx) (i32.shl (local.get $c) (i32.const 2)))) (local.get $d))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $al)))
    (call $vscale (local.get $neu1) (f32.div (f32.const 1) (f32.convert_i32_s (local.get $cw))) (local.get $d))
    (call $negUpdate (local.get $neu1) (local.get $syn1) (local.get $tg) (local.get $count) (local.get $d)
      (local.get $alpha) (local.get $e) (local.get $exp) (local.get $fout) (i32.const 0))
    (local.set $c (i32.const 0))
    (block $bb (loop $bl
      (br_if $bb (i32.ge_u (local.get $c) (local.get $cw)))
      (call $vadd (i32.load (i32.add (local.get $ctx) (i32.shl (local.get $c) (i32.const 2)))) (local.get $e) (local.get $d))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br $bl))))

  ;; dst[0..d) += src[0..d)
  (func $vadd (export "vadd") (param $dst i32) (param $src i32) (param $d i32)
    (local $j i32) (local $bytes i32)
    (local.set $bytes (i32.shl (local.get $d) (i32.const 2)))
    (block $b (loop $l
      (br_if $b (i32.ge_u (local.get $j) (local.get $bytes)))
      (v128.store (i32.add (local.get $dst) (local.get $j))
        (f32x4.add (v128.load (i32.add (local.get $dst) (local.get $j))) (v128.load (i32.add (local.get $src) (local.get $j)))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $l))))

  ;; p[0..d) *= s
  (func $vscale (export "vscale") (param $p i32) (param $s f32) (param $d i32)
    (local $j i32) (local $bytes i32) (local $sv v128)
    (local.set $bytes (i32.shl (local.get $d) (i32.const 2)))
    (local.set $sv (f32x4.splat (local.get $s)))
    (block $b (loop $l
      (br_if $b (i32.ge_u (local.get $j) (local.get $bytes)))
      (v128.store (i32.add (local.get $p) (local.get $j))
        (f32x4.mul (v128.load (i32.add (local.get $p) (local.get $j))) (local.get $sv)))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $l))))
)
