package io.constellation.pipeline;

import java.util.Collection;
import java.util.Map;

/** A computing node of a DAG: a module call or a built-in expression. */
public sealed interface DagNode permits ModuleNode, ExpressionNode {
  /** Unique id of the node within its DAG. */
  String id();

  /** Parameter (module input or expression variable) → data node name. */
  Map<String, String> inputs();

  /** Names of the data nodes this node produces. */
  Collection<String> producedDataNodes();
}
