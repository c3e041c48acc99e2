package io.constellation.tck;

import io.constellation.PipelineStore;
import io.constellation.impl.PipelineStoreImpl;

/** The default pipeline store passes the pipeline store kit. */
class PipelineStoreImplConformanceTest extends PipelineStoreContract {
  @Override
  protected PipelineStore createStore() {
    return new PipelineStoreImpl();
  }
}
