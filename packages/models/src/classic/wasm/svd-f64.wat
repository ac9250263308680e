;; f64x2 kernels for the randomized SVD (all byte offsets into the imported memory; row-major
;; blocks whose row length r (in doubles) is EVEN). Assembled by make-wasm.mjs.
(module
  (import "env" "mem" (memory 1))

  ;; dst[0..bytes) += s · src[0..bytes)
  (func $axpy (param $dst i32) (param $src i32) (param $s f64) (param $bytes i32)
    (local $j i32) (local $sv v128)
    (local.set $sv (f64x2.splat (local.get $s)))
    (block $b (loop $l
      (br_if $b (i32.ge_u (local.get $j) (local.get $bytes)))
      (v128.store (i32.add (local.get $dst) (local.get $j))
        (f64x2.add (v128.load (i32.add (local.get $dst) (local.get $j)))
                   (f64x2.mul (local.get $sv) (v128.load (i32.add (local.get $src) (local.get $j))))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $l))))

  ;; CSR A (rows × ·) with i32 rowPtr/colIdx and f64 values, dense row-major blocks of r doubles:
  ;;   transposed = 0:  dst[i,:] += A[i,c] · src[c,:]   (dst = A·src)
  ;;   transposed = 1:  dst[c,:] += A[i,c] · src[i,:]   (dst = Aᵀ·src)
  (func (export "csrAxpy")
    (param $rows i32) (param $rowPtr i32) (param $colIdx i32) (param $vals i32)
    (param $src i32) (param $dst i32) (param $r i32) (param $transposed i32)
    (local $i i32) (local $p i32) (local $e i32) (local $c i32) (local $rb i32)
    (local.set $rb (i32.shl (local.get $r) (i32.const 3)))
    (block $ib (loop $il
      (br_if $ib (i32.ge_u (local.get $i) (local.get $rows)))
      (local.set $p (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $e (i32.load offset=4 (i32.add (local.get $rowPtr) (i32.shl (local.get $i) (i32.const 2)))))
      (block $pb (loop $pl
        (br_if $pb (i32.ge_u (local.get $p) (local.get $e)))
        (local.set $c (i32.load (i32.add (local.get $colIdx) (i32.shl (local.get $p) (i32.const 2)))))
        (if (local.get $transposed)
          (then (call $axpy
            (i32.add (local.get $dst) (i32.mul (local.get $c) (local.get $rb)))
            (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $rb)))
            (f64.load (i32.add (local.get $vals) (i32.shl (local.get $p) (i32.const 3))))
            (local.get $rb)))
          (else (call $axpy
            (i32.add (local.get $dst) (i32.mul (local.get $i) (local.get $rb)))
            (i32.add (local.get $src) (i32.mul (local.get $c) (local.get $rb)))
            (f64.load (i32.add (local.get $vals) (i32.shl (local.get $p) (i32.const 3))))
            (local.get $rb))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $pl)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $il))))

  ;; out (m × r) += Y (m × l) · W (l × r)
  (func (export "ab") (param $m i32) (param $l i32) (param $r i32) (param $Y i32) (param $W i32) (param $out i32)
    (local $i i32) (local $a i32) (local $s f64) (local $rb i32) (local $yrow i32)
    (local.set $rb (i32.shl (local.get $r) (i32.const 3)))
    (block $ib (loop $il
      (br_if $ib (i32.ge_u (local.get $i) (local.get $m)))
      (local.set $yrow (i32.add (local.get $Y) (i32.shl (i32.mul (local.get $i) (local.get $l)) (i32.const 3))))
      (local.set $a (i32.const 0))
      (block $ab (loop $al
        (br_if $ab (i32.ge_u (local.get $a) (local.get $l)))
        (local.set $s (f64.load (i32.add (local.get $yrow) (i32.shl (local.get $a) (i32.const 3)))))
        (if (f64.ne (local.get $s) (f64.const 0))
          (then (call $axpy
            (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $rb)))
            (i32.add (local.get $W) (i32.mul (local.get $a) (local.get $rb)))
            (local.get $s) (local.get $rb))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $al)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $il))))

  ;; out (l × r) += Aᵀ · B for A (m × l), B (m × r): out[a,:] += A[i,a] · B[i,:]
  (func (export "atb") (param $m i32) (param $l i32) (param $r i32) (param $A i32) (param $B i32) (param $out i32)
    (local $i i32) (local $a i32) (local $s f64) (local $rb i32) (local $arow i32)
    (local.set $rb (i32.shl (local.get $r) (i32.const 3)))
    (block $ib (loop $il
      (br_if $ib (i32.ge_u (local.get $i) (local.get $m)))
      (local.set $arow (i32.add (local.get $A) (i32.shl (i32.mul (local.get $i) (local.get $l)) (i32.const 3))))
      (local.set $a (i32.const 0))
      (block $ab (loop $al
        (br_if $ab (i32.ge_u (local.get $a) (local.get $l)))
        (local.set $s (f64.load (i32.add (local.get $arow) (i32.shl (local.get $a) (i32.const 3)))))
        (if (f64.ne (local.get $s) (f64.const 0))
          (then (call $axpy
            (i32.add (local.get $out) (i32.mul (local.get $a) (local.get $rb)))
            (i32.add (local.get $B) (i32.mul (local.get $i) (local.get $rb)))
            (local.get $s) (local.get $rb))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $al)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $il))))
;; G (l × l) += YᵀY, upper triangle only (from the even column at or left of the diagonal);
  ;; the caller mirrors it. Half the work of atb(Y, Y).
  (func (export "gramUpper") (param $m i32) (param $l i32) (param $Y i32) (param $out i32)
    (local $i i32) (local $a i32) (local $a0 i32) (local $s f64) (local $rb i32) (local $yrow i32)
    (local.set $rb (i32.shl (local.get $l) (i32.const 3)))
    (block $ib (loop $il
      (br_if $ib (i32.ge_u (local.get $i) (local.get $m)))
      (local.set $yrow (i32.add (local.get $Y) (i32.mul (local.get $i) (local.get $rb))))
      (local.set $a (i32.const 0))
      (block $ab (loop $al
        (br_if $ab (i32.ge_u (local.get $a) (local.get $l)))
        (local.set $s (f64.load (i32.add (local.get $yrow) (i32.shl (local.get $a) (i32.const 3)))))
        (local.set $a0 (i32.shl (i32.and (local.get $a) (i32.const -2)) (i32.const 3)))
        (if (f64.ne (local.get $s) (f64.const 0))
          (then (call $axpy
            (i32.add (i32.add (local.get $out) (i32.mul (local.get $a) (local.get $rb))) (local.get $a0))
            (i32.add (local.get $yrow) (local.get $a0))
            (local.get $s) (i32.sub (local.get $rb) (local.get $a0)))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $al)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $il))))
)
