package io.constellation.lang;

import io.constellation.lang.Ast.Annotation;
import io.constellation.lang.Ast.Arg;
import io.constellation.lang.Ast.Expr;
import io.constellation.lang.Ast.Stmt;
import io.constellation.lang.Ast.TypeExpr;
import io.constellation.lang.Token.Interp;
import io.constellation.lang.Token.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser. Nesting is limited to {@link #MAX_DEPTH} levels so hostile input gives
 * an error instead of a stack overflow. After an error the parser skips to the next line that
 * starts a statement, so every statement's first error is reported.
 */
final class Parser {
  static final int MAX_DEPTH = 256;

  static final Set<String> KEYWORDS =
      Set.of(
          "in",
          "out",
          "use",
          "as",
          "type",
          "with",
          "if",
          "else",
          "branch",
          "otherwise",
          "when",
          "and",
          "or",
          "not",
          "true",
          "false");

  /** Thrown to abandon the current statement; the error is already recorded. */
  private static final class Abort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Abort() {
      super(null, null, false, false);
    }
  }

  private final Source src;
  private final List<Token> tokens;
  private final List<CompileError> errors;
  private int i;
  private int depth;
  private final java.util.Set<String> failedNames = new java.util.HashSet<>();
  private String statementName;

  Parser(Source src, List<Token> tokens, List<CompileError> errors, int depth) {
    this.src = src;
    this.tokens = tokens;
    this.errors = errors;
    this.depth = depth;
  }

  /** The parsed statements; names whose definition failed to parse go to {@code failed}. */
  static List<Stmt> parse(Source src, List<CompileError> errors, Set<String> failed) {
    List<Token> tokens = new Lexer(src, 0, src.text.length(), errors, true).tokens();
    Parser p = new Parser(src, tokens, errors, 0);
    List<Stmt> out = p.program();
    failed.addAll(p.failedNames);
    return out;
  }

  List<Stmt> program() {
    List<Stmt> out = new ArrayList<>();
    while (peek().kind() != Kind.EOF) {
      int before = i;
      statementName = null;
      try {
        statement(out);
        if (peek().kind() != Kind.EOF && !peek().lineStart()) {
          throw fail(peek(), "unexpected " + peek().describe() + " after the end of the statement");
        }
      } catch (Abort a) {
        if (statementName != null) {
          failedNames.add(statementName);
        }
        if (i == before) {
          i++;
        }
        while (peek().kind() != Kind.EOF && !peek().lineStart()) {
          i++;
        }
      }
    }
    return out;
  }

  private void statement(List<Stmt> out) {
    Token t = peek();
    if (t.is("@") || t.is("in")) {
      List<Annotation> annotations = new ArrayList<>();
      while (peek().is("@")) {
        Token at = next();
        Token name = ident("an annotation name");
        Expr arg = null;
        if (peek().is("(")) {
          next();
          arg = expr();
          expect(")");
        }
        annotations.add(new Annotation(at.start(), name.text(), arg));
      }
      Token in = peek();
      if (!in.is("in")) {
        throw fail(in, "expected 'in' after annotation, found " + in.describe());
      }
      next();
      Token name = ident("an input name");
      statementName = name.text();
      expect(":");
      TypeExpr type = type();
      out.add(new Ast.Input(in.start(), name.text(), name.start(), type, annotations));
      return;
    }
    if (t.is("use")) {
      next();
      List<String> path = new ArrayList<>();
      path.add(ident("a module namespace").text());
      while (peek().is(".")) {
        next();
        path.add(ident("a name").text());
      }
      String alias = null;
      int aliasPos = -1;
      if (peek().is("as")) {
        next();
        Token a = ident("an alias");
        alias = a.text();
        aliasPos = a.start();
      }
      out.add(new Ast.Use(t.start(), path, alias, aliasPos));
      return;
    }
    if (t.is("type")) {
      next();
      Token name = ident("a type name");
      expect("=");
      out.add(new Ast.TypeDef(t.start(), name.text(), name.start(), type()));
      return;
    }
    if (t.is("out")) {
      next();
      Token name = ident("an output name");
      out.add(new Ast.Output(name.start(), name.text()));
      while (peek().is(",")) {
        next();
        Token more = ident("an output name");
        out.add(new Ast.Output(more.start(), more.text()));
      }
      return;
    }
    if (t.kind() == Kind.IDENT && !KEYWORDS.contains(t.text()) && peekAt(1).is("=")) {
      statementName = t.text();
      next();
      next();
      Expr value = expr();
      List<Ast.Option> options = new ArrayList<>();
      int withPos = -1;
      if (peek().is("with")) {
        withPos = next().start();
        do {
          Token name = ident("an option name");
          expect(":");
          options.add(new Ast.Option(name.start(), name.text(), expr()));
        } while (peek().is(",") && next() != null);
      }
      out.add(new Ast.Assign(t.start(), t.text(), value, options, withPos));
      return;
    }
    if (t.kind() == Kind.IDENT && !KEYWORDS.contains(t.text())) {
      throw fail(peekAt(1), "expected '=' after '" + t.text() + "', found " + peekAt(1).describe());
    }
    throw fail(
        t, "expected a statement (in, out, use, type or name = expression), found " + t.describe());
  }

  // ---- types

  private TypeExpr type() {
    enter(peek());
    try {
      TypeExpr first = typeAtom();
      if (!peek().is("|")) {
        return first;
      }
      List<TypeExpr> members = new ArrayList<>();
      members.add(first);
      while (peek().is("|")) {
        next();
        members.add(typeAtom());
      }
      return new Ast.TUnion(first.pos(), members);
    } finally {
      depth--;
    }
  }

  private TypeExpr typeAtom() {
    Token t = peek();
    if (t.is("{")) {
      next();
      List<Ast.TField> fields = new ArrayList<>();
      if (!peek().is("}")) {
        do {
          Token name = ident("a field name");
          expect(":");
          fields.add(new Ast.TField(name.start(), name.text(), type()));
        } while (peek().is(",") && next() != null && !peek().is("}"));
      }
      expect("}");
      return new Ast.TRecord(t.start(), fields);
    }
    if (t.is("(")) {
      next();
      TypeExpr inner = type();
      expect(")");
      return inner;
    }
    Token name = ident("a type");
    if (peek().is("<")) {
      next();
      List<TypeExpr> args = new ArrayList<>();
      args.add(type());
      while (peek().is(",")) {
        next();
        args.add(type());
      }
      expect(">");
      return new Ast.TGeneric(name.start(), name.text(), args);
    }
    return new Ast.TName(name.start(), name.text());
  }

  // ---- expressions

  Expr expr() {
    enter(peek());
    try {
      Expr left = when();
      while (peek().is("??")) {
        Token op = next();
        left = new Ast.Binary(op.start(), "??", left, when());
      }
      return left;
    } finally {
      depth--;
    }
  }

  private Expr when() {
    Expr value = or();
    while (peek().is("when")) {
      Token w = next();
      value = new Ast.When(w.start(), value, or());
    }
    return value;
  }

  private Expr or() {
    Expr left = and();
    while (peek().is("or")) {
      Token op = next();
      left = new Ast.Binary(op.start(), "or", left, and());
    }
    return left;
  }

  private Expr and() {
    Expr left = not();
    while (peek().is("and")) {
      Token op = next();
      left = new Ast.Binary(op.start(), "and", left, not());
    }
    return left;
  }

  private Expr not() {
    if (peek().is("not")) {
      Token op = next();
      enter(op);
      try {
        return new Ast.Unary(op.start(), "not", not());
      } finally {
        depth--;
      }
    }
    return comparison();
  }

  private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=");

  private Expr comparison() {
    Expr left = additive();
    if (peek().kind() == Kind.SYMBOL && COMPARISONS.contains(peek().text())) {
      Token op = next();
      left = new Ast.Binary(op.start(), op.text(), left, additive());
      if (peek().kind() == Kind.SYMBOL && COMPARISONS.contains(peek().text())) {
        throw fail(peek(), "comparisons cannot be chained; use 'and' between them");
      }
    }
    return left;
  }

  private Expr additive() {
    Expr left = multiplicative();
    while ((peek().is("+") || peek().is("-")) && !peek().lineStart()) {
      Token op = next();
      left = new Ast.Binary(op.start(), op.text(), left, multiplicative());
    }
    return left;
  }

  private Expr multiplicative() {
    Expr left = unary();
    while (peek().is("*") || peek().is("/") || peek().is("%")) {
      Token op = next();
      left = new Ast.Binary(op.start(), op.text(), left, unary());
    }
    return left;
  }

  private Expr unary() {
    if (peek().is("-")) {
      Token op = next();
      enter(op);
      try {
        return new Ast.Unary(op.start(), "-", unary());
      } finally {
        depth--;
      }
    }
    return postfix(primary());
  }

  private Expr postfix(Expr e) {
    while (true) {
      if (peek().is(".") && peekAt(1).kind() == Kind.IDENT) {
        next();
        Token f = next();
        e = new Ast.FieldAccess(f.start(), e, f.text());
      } else if (peek().is("[") && !peek().lineStart()) {
        Token open = next();
        List<String> fields = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        do {
          Token f = ident("a field name to project");
          fields.add(f.text());
          positions.add(f.start());
        } while (peek().is(",") && next() != null);
        expect("]");
        e = new Ast.Project(open.start(), e, fields, positions);
      } else {
        return e;
      }
    }
  }

  private Expr primary() {
    Token t = peek();
    switch (t.kind()) {
      case INT -> {
        next();
        return new Ast.IntLit(t.start(), (Long) t.value());
      }
      case FLOAT -> {
        next();
        return new Ast.FloatLit(t.start(), (Double) t.value());
      }
      case DURATION -> {
        next();
        return new Ast.DurationLit(t.start(), (Duration) t.value(), t.text());
      }
      case STRING -> {
        next();
        return string(t);
      }
      case EOF -> throw fail(t, "expected an expression, found end of file");
      default -> {}
    }
    if (t.lineStart() && i > 0 && t.kind() == Kind.IDENT && peekAt(1).is("=")) {
      Token prev = tokens.get(i - 1);
      errors.add(src.error(prev.end(), "expected an expression after '" + prev.text() + "'"));
      throw new Abort();
    }
    if (t.is("(")) {
      next();
      Expr inner = expr();
      expect(")");
      return inner;
    }
    if (t.is("[")) {
      next();
      List<Expr> elements = new ArrayList<>();
      if (!peek().is("]")) {
        do {
          if (peek().is("]")) {
            break;
          }
          elements.add(expr());
        } while (peek().is(",") && next() != null);
      }
      expect("]");
      return new Ast.ListLit(t.start(), elements);
    }
    if (t.is("{")) {
      next();
      List<Ast.RField> fields = new ArrayList<>();
      if (!peek().is("}")) {
        do {
          if (peek().is("}")) {
            break;
          }
          Token name = ident("a field name");
          expect(":");
          fields.add(new Ast.RField(name.start(), name.text(), expr()));
        } while (peek().is(",") && next() != null);
      }
      expect("}");
      return new Ast.RecordLit(t.start(), fields);
    }
    if (t.is("true") || t.is("false")) {
      next();
      return new Ast.BoolLit(t.start(), t.is("true"));
    }
    if (t.is("if")) {
      next();
      expect("(");
      Expr cond = expr();
      expect(")");
      Expr then = expr();
      if (!peek().is("else")) {
        throw fail(peek(), "expected 'else' after the 'if' branch, found " + peek().describe());
      }
      next();
      return new Ast.If(t.start(), cond, then, expr());
    }
    if (t.is("branch")) {
      next();
      expect("{");
      List<Ast.Case> cases = new ArrayList<>();
      Expr otherwise = null;
      while (true) {
        Token c = peek();
        if (c.is("otherwise")) {
          next();
          expect("->");
          otherwise = expr();
          if (peek().is(",")) {
            next();
          }
          break;
        }
        if (c.is("}")) {
          break;
        }
        Expr cond = expr();
        expect("->");
        cases.add(new Ast.Case(c.start(), cond, expr()));
        if (!peek().is(",") && !peek().lineStart()) {
          break;
        }
        if (peek().is(",")) {
          next();
        }
      }
      Token close = peek();
      expect("}");
      if (otherwise == null) {
        throw fail(close, "branch needs an 'otherwise -> value' arm as its last arm");
      }
      if (cases.isEmpty()) {
        throw fail(t, "branch needs at least one 'condition -> value' arm before 'otherwise'");
      }
      return new Ast.Branch(t.start(), cases, otherwise);
    }
    if (t.kind() == Kind.IDENT && !KEYWORDS.contains(t.text())) {
      next();
      List<String> path = new ArrayList<>();
      List<Integer> positions = new ArrayList<>();
      path.add(t.text());
      positions.add(t.start());
      while (peek().is(".")
          && peekAt(1).kind() == Kind.IDENT
          && !KEYWORDS.contains(peekAt(1).text())) {
        next();
        Token seg = next();
        path.add(seg.text());
        positions.add(seg.start());
      }
      if (peek().is("(") && !peek().lineStart()) {
        next();
        List<Arg> args = new ArrayList<>();
        if (!peek().is(")")) {
          do {
            Token a = peek();
            if (a.kind() == Kind.IDENT && peekAt(1).is(":")) {
              next();
              next();
              args.add(new Arg(a.start(), a.text(), expr()));
            } else {
              args.add(new Arg(a.start(), null, expr()));
            }
          } while (peek().is(",") && next() != null);
        }
        expect(")");
        return new Ast.Call(t.start(), path, args);
      }
      return new Ast.Name(t.start(), path, positions);
    }
    throw fail(t, "expected an expression, found " + t.describe());
  }

  private Expr string(Token t) {
    List<Object> parts = new ArrayList<>();
    for (Object p : t.parts()) {
      if (p instanceof Interp in) {
        List<Token> sub = new Lexer(src, in.start(), in.end(), errors, false).tokens();
        Parser inner = new Parser(src, sub, errors, depth);
        Expr e = inner.expr();
        if (inner.peek().kind() != Kind.EOF) {
          throw inner.fail(
              inner.peek(), "unexpected " + inner.peek().describe() + " in ${...} interpolation");
        }
        parts.add(e);
      } else {
        parts.add(p);
      }
    }
    return new Ast.Str(t.start(), parts);
  }

  // ---- helpers

  private void enter(Token at) {
    if (++depth > MAX_DEPTH) {
      depth--;
      throw fail(at, "expression is nested too deeply (more than " + MAX_DEPTH + " levels)");
    }
  }

  private Token peek() {
    return tokens.get(Math.min(i, tokens.size() - 1));
  }

  private Token peekAt(int k) {
    return tokens.get(Math.min(i + k, tokens.size() - 1));
  }

  private Token next() {
    Token t = peek();
    if (i < tokens.size() - 1) {
      i++;
    }
    return t;
  }

  private void expect(String symbol) {
    Token t = peek();
    if (!t.is(symbol)) {
      throw fail(t, "expected '" + symbol + "', found " + t.describe());
    }
    next();
  }

  private Token ident(String what) {
    Token t = peek();
    if (t.kind() != Kind.IDENT) {
      throw fail(t, "expected " + what + ", found " + t.describe());
    }
    if (KEYWORDS.contains(t.text())) {
      throw fail(t, "expected " + what + ", found keyword '" + t.text() + "'");
    }
    return next();
  }

  private Abort fail(Token at, String message) {
    CompileError e = src.error(at.start(), message);
    // one syntax error per line: a second one is almost always a consequence of the first
    if (errors.stream().noneMatch(x -> x.line() == e.line())) {
      errors.add(e);
    }
    return new Abort();
  }
}
