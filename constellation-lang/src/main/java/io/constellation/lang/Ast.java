package io.constellation.lang;

import java.time.Duration;
import java.util.List;

/** The syntax tree. Every node carries the source offset it starts at ({@code pos}). */
final class Ast {
  private Ast() {}

  // ---- statements

  sealed interface Stmt permits Use, TypeDef, Input, Output, Assign {
    int pos();
  }

  /** {@code use a.b.c [as x]}. */
  record Use(int pos, List<String> path, String alias, int aliasPos) implements Stmt {}

  /** {@code type Name = T}. */
  record TypeDef(int pos, String name, int namePos, TypeExpr type) implements Stmt {}

  /** {@code @ann(..) in name: T}. */
  record Input(int pos, String name, int namePos, TypeExpr type, List<Annotation> annotations)
      implements Stmt {}

  /** {@code @name(arg)}. */
  record Annotation(int pos, String name, Expr argument) {}

  /** {@code out name}. */
  record Output(int pos, String name) implements Stmt {}

  /** {@code name = expr [with options]}. */
  record Assign(int pos, String name, Expr value, List<Option> options, int withPos)
      implements Stmt {}

  /** {@code name: value} inside {@code with}. */
  record Option(int pos, String name, Expr value) {}

  // ---- types

  sealed interface TypeExpr permits TName, TGeneric, TRecord, TUnion {
    int pos();
  }

  record TName(int pos, String name) implements TypeExpr {}

  record TGeneric(int pos, String name, List<TypeExpr> args) implements TypeExpr {}

  record TRecord(int pos, List<TField> fields) implements TypeExpr {}

  record TField(int pos, String name, TypeExpr type) {}

  record TUnion(int pos, List<TypeExpr> members) implements TypeExpr {}

  // ---- expressions

  sealed interface Expr
      permits IntLit,
          FloatLit,
          BoolLit,
          DurationLit,
          Str,
          Name,
          Call,
          FieldAccess,
          Project,
          Binary,
          Unary,
          If,
          Branch,
          When,
          ListLit,
          RecordLit {
    int pos();
  }

  record IntLit(int pos, long value) implements Expr {}

  record FloatLit(int pos, double value) implements Expr {}

  record BoolLit(int pos, boolean value) implements Expr {}

  record DurationLit(int pos, Duration value, String text) implements Expr {}

  /** A string; parts are String (text) or Expr (interpolated). */
  record Str(int pos, List<Object> parts) implements Expr {}

  /** A dotted name {@code a.b.c}: a variable with field accesses. */
  record Name(int pos, List<String> path, List<Integer> positions) implements Expr {}

  record Call(int pos, List<String> path, List<Arg> args) implements Expr {}

  /** A call argument; {@code name} is null when positional. */
  record Arg(int pos, String name, Expr value) {}

  record FieldAccess(int pos, Expr target, String field) implements Expr {}

  record Project(int pos, Expr target, List<String> fields, List<Integer> positions)
      implements Expr {}

  record Binary(int pos, String op, Expr left, Expr right) implements Expr {}

  record Unary(int pos, String op, Expr operand) implements Expr {}

  record If(int pos, Expr condition, Expr then, Expr otherwise) implements Expr {}

  record Branch(int pos, List<Case> cases, Expr otherwise) implements Expr {}

  record Case(int pos, Expr condition, Expr value) {}

  record When(int pos, Expr value, Expr condition) implements Expr {}

  record ListLit(int pos, List<Expr> elements) implements Expr {}

  record RecordLit(int pos, List<RField> fields) implements Expr {}

  record RField(int pos, String name, Expr value) {}
}
